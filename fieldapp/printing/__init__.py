"""Printing: receipts, sign-off and attendance sheets as PDF (reportlab), with Arabic shaped right-to-left."""

RECEIPT_FORMATS = ("a6", "80mm", "a4")  # an A6 card, an 80 mm roll, an A4 page with both copies
