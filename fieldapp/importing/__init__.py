"""Bringing existing households lists in: reading spreadsheets and CSV files, the column mapping, the row checks."""
