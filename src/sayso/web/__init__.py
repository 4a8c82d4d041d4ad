"""The newsroom view: web pages and the REST API (``/api/v1/``) over a sayso database.

    >>> from sayso.web import create_app, serve
    >>> serve("sayso.db")                      # http://127.0.0.1:8000/
"""
from __future__ import annotations

from pathlib import Path

from ..settings import Settings

__all__ = ["create_app", "serve"]


def create_app(db_path, *, settings: Settings | None = None, test_config: dict | None = None, hosts=()):
    """The FastAPI app over the database at ``db_path`` (see :func:`sayso.web.app.create_app`)."""
    from .app import create_app as _create

    return _create(db_path, settings=settings, test_config=test_config, hosts=hosts)


#: Keep-alive connections idle this long are closed (uvicorn's default of 5 s made clients that
#: reuse a connection at that moment see a reset under load); a stopping server waits this long
#: for running requests before cancelling them.
KEEP_ALIVE_S = 65
GRACEFUL_SHUTDOWN_S = 2


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None,
          *, log_level: str = "info", workers: int = 1, allow_hosts: tuple[str, ...] = ()) -> None:
    """Run the pages and the API with uvicorn until interrupted. Loopback only unless ``host`` says
    otherwise; requests must name a loopback host, ``host`` or one of ``allow_hosts``. With
    ``workers`` > 1, that many processes share the port (reads only). Refuses, with a
    :class:`~sayso.errors.StoreError` naming the file, a file that is not a sayso database."""
    import os

    import uvicorn

    from ..store import Store
    from .nodelay import NoDelayH11

    with Store(db, readonly=True):  # refuses a file that is not a (current) sayso database
        pass
    settings = settings or Settings.load(db=str(db))
    hosts = tuple(h for h in (host, *allow_hosts) if h)
    options = dict(host=host, port=port, log_level=log_level, server_header=False,
                   timeout_keep_alive=KEEP_ALIVE_S, timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
                   backlog=2048, http=NoDelayH11)
    if workers > 1:
        os.environ["SAYSO_DB"] = str(db)
        os.environ["SAYSO_SERVE_HOSTS"] = ",".join(hosts)
        uvicorn.run("sayso.web.app:app_from_environment", factory=True, workers=workers, **options)
    else:
        uvicorn.run(create_app(db, settings=settings, hosts=hosts), **options)
