"""The households register: list and search, the family form, its members."""
