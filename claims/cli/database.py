"""``claims db upgrade``."""

from __future__ import annotations

import typer

from claims.cli import common
from claims.cli.common import get_state
from db.engine import Upgrade, make_engine

app = typer.Typer(help="The database itself: schema upgrades.", no_args_is_help=True)


@app.command("upgrade")
def db_upgrade_command(ctx: typer.Context) -> None:
    """Upgrade the database schema to the newest revision (SQLite files are copied to FILE.bak-REV first).

    Other commands do this by themselves when they open an older database.
    """
    from db.engine import current_revision

    state = get_state(ctx)
    upgrades: list[Upgrade] = []
    engine = make_engine(state.db_url, on_upgrade=upgrades.append)
    try:
        revision = current_revision(engine)
    finally:
        engine.dispose()
    if not upgrades:
        common.say(f"database schema already at the newest revision ({revision})")
    elif upgrades[0].before is None:
        common.say(f"new database created at revision {revision}")
    else:
        up = upgrades[0]
        backup = f"; copy of the old database: {up.backup}" if up.backup else ""
        common.say(f"database schema upgraded from {up.before} to {up.after}{backup}")
