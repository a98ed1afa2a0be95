"""The PySide6 desktop app over the fieldapp services."""
