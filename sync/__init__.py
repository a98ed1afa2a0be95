"""Client side of sync with HQ and the wire protocol (arrives with the sync issue)."""
