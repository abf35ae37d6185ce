"""Alembic environment: runs on the connection deliberate hands over (or the configured URL)."""
from alembic import context
from sqlalchemy import engine_from_config, pool

from deliberate.migrate import check_foreign_keys, sqlite_foreign_keys_off
from deliberate.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations(connection) -> None:
    # Batch mode lets later migrations alter SQLite tables (copy-and-move), and is harmless on PostgreSQL.
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()
        check_foreign_keys(connection)  # before the commit


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    connection = config.attributes.get("connection")
    if connection is not None:  # deliberate.migrate.upgrade: foreign keys already off on SQLite
        run_migrations(connection)
    else:
        engine = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.",
                                    poolclass=pool.NullPool)
        # SQLite: foreign keys off while batch migrations rebuild tables (see deliberate.migrate).
        with engine.connect() as conn, sqlite_foreign_keys_off(conn):
            run_migrations(conn)
            conn.commit()
