"""The central platform server (arrives with the sync issue)."""
