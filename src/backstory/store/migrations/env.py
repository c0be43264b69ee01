"""Alembic environment: migrates the connection handed over by backstory.store.migrate,
or (when run by the ``alembic`` command) a URL given with ``-x url=...``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from backstory.store.schema import Base

config = context.config
target_metadata = Base.metadata


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave full-text objects out of autogenerate: they are dialect-specific, hand-written."""
    return not (name and (name.endswith("_fts") or "_fts_" in name or name.endswith("_tsv")))


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        url = context.get_x_argument(as_dictionary=True).get("url")
        if not url:
            raise SystemExit("give the database with: alembic -x url=DATABASE_URL ...")
        with create_engine(url).begin() as conn:
            _migrate(conn)
    else:
        _migrate(connection)


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=include_name,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
