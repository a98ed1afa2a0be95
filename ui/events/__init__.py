"""Distribution events: list and form."""
