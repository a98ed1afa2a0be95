"""The desktop side of accounts: login, idle lock, users, the recovery key."""
