"""The central platform server: the sync API and its administration (docs/hq.md)."""
