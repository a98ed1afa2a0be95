"""Alembic environment for HQ: its own version table, one connection, a PostgreSQL advisory lock while migrating."""

from alembic import context
from sqlalchemy import create_engine, text

from hq.schema import metadata

VERSION_TABLE = "hq_alembic_version"
_LOCK_ID = 0x68715F6D6967  # any constant: two HQ processes starting together migrate one after the other

connection = context.config.attributes.get("connection")
engine = None
if connection is None:
    engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
    connection = engine.connect()
try:
    postgres = connection.dialect.name == "postgresql"
    if postgres:
        connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": _LOCK_ID})
        connection.commit()
    try:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            version_table=VERSION_TABLE,
            render_as_batch=connection.dialect.name == "sqlite",
            transactional_ddl=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
    finally:
        if postgres:
            connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": _LOCK_ID})
            connection.commit()
finally:
    if engine is not None:
        connection.close()
        engine.dispose()
