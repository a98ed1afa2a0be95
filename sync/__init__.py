"""Client side of sync with HQ and the wire protocol (docs/sync-protocol.md)."""
