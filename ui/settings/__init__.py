"""Settings and the first-run set-up dialog."""
