"""Client side of sync with HQ: the engine, its run and retry policy, the HTTP client and the wire protocol."""
