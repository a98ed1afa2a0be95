"""Numbered schema revisions (NNNN_what.py, revision id NNNN)."""
