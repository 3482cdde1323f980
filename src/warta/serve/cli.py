"""``warta serve``: the HTTP API and web pages over one database, read-only.

Kept apart from ``warta.cli`` so the server's imports (FastAPI, uvicorn) load only
when this command runs; ``warta.cli`` adds it with ``main.add_command``.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path
from typing import Any

import click


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option(
    "--db", default="warta.db", show_default=True, envvar="WARTA_DB", help="The SQLite database file."
)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback unless told otherwise)."
)
@click.option(
    "--port", default=8080, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free)."
)
@click.option(
    "--pool", "pool_size", default=4, show_default=True, type=click.IntRange(1, 64), help="Database handles."
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes; one per core lets page rendering use every core.",
)
def serve_command(db: str, host: str, port: int, pool_size: int, workers: int) -> None:
    """Serve the JSON API (/api/, OpenAPI at /openapi.json) and web pages, read-only."""
    import uvicorn

    from warta.api import Warta
    from warta.serve.app import ENV_DB, ENV_POOL, create_app
    from warta.store import StoreError

    if not Path(db).is_file():
        click.echo(f"warta: no database at {db} (run `warta ingest` first)", err=True)
        sys.exit(2)
    try:
        if workers == 1:
            app = create_app(db, pool_size=pool_size)
        else:  # each worker builds its own app; fail here, once, on a file it can't open
            Warta(db, readonly=True).close()
    except StoreError as exc:
        click.echo(f"warta: {exc}", err=True)
        sys.exit(2)
    if not _is_loopback(host):
        click.echo(f"warta: warning: serving on {host}, reachable from other machines", err=True)
    click.echo(f"warta: serving {db} read-only at http://{host}:{port}/  (Ctrl-C to stop)", err=True)
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": "warning",
        "access_log": False,
        "server_header": False,
        # uvloop runs due timers before reading sockets: with uvicorn's 5 s default, a busy
        # server could time out a kept-alive connection whose next request had already
        # arrived, and the client saw its request cut off (1 in ~3,000 under load).
        "timeout_keep_alive": 30,
    }
    if workers == 1:
        uvicorn.run(app, **options)
        return
    # Several processes share one listening socket; each builds its own app (and handle
    # pool) from the environment, since uvicorn starts workers from an import string.
    os.environ[ENV_DB] = str(Path(db).resolve())
    os.environ[ENV_POOL] = str(pool_size)
    uvicorn.run("warta.serve.app:app_from_environment", factory=True, workers=workers, **options)


if __name__ == "__main__":  # `python -m warta.serve.cli`, before the command is wired into `warta`
    serve_command()
