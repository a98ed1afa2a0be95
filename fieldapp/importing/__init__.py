"""Importing households lists: reading CSV and workbooks into a Table, and guessing which column is which field."""
