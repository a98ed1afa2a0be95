"""Printing: receipts, sign-off and attendance sheets as PDF (reportlab), with Arabic shaped right-to-left."""
