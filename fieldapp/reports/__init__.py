"""Funder reports as files: the records (model), the PDF (reportlab) and the XLSX; no Qt here."""
