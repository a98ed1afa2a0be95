"""Alembic migrations of the local database, shipped inside the package and run on open."""
