"""HQ migration scripts, one per schema revision (NNNN_what.py, revision id NNNN)."""
