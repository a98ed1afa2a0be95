"""HQ's schema migrations (Alembic), shipped inside the package and run by `fieldapp-hq` before it opens the DB."""
