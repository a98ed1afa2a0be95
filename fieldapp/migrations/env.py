"""Alembic environment: upgrades one SQLite file (plain or SQLCipher), with batch mode for SQLite's ALTER TABLE."""

from alembic import context
from sqlalchemy import create_engine

from fieldapp.models import Base

connection = context.config.attributes.get("connection")  # fieldapp.migrate passes a keyed connection
if connection is not None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
