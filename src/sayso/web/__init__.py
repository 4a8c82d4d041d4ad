"""The newsroom view: web pages and the REST API (``/api/v1/``) over a sayso database.

    >>> from sayso.web import create_app, serve
    >>> serve("sayso.db")                      # http://127.0.0.1:8000/
"""
from __future__ import annotations

from pathlib import Path

from ..settings import Settings

__all__ = ["create_app", "serve"]


def create_app(db_path, *, settings: Settings | None = None, test_config: dict | None = None):
    """The FastAPI app over the database at ``db_path`` (see :func:`sayso.web.app.create_app`)."""
    from .app import create_app as _create

    return _create(db_path, settings=settings, test_config=test_config)


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None,
          *, log_level: str = "info") -> None:
    """Run the pages and the API with uvicorn until interrupted. Loopback only unless ``host`` says otherwise."""
    import uvicorn

    app = create_app(db, settings=settings or Settings.load(db=str(db)))
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
