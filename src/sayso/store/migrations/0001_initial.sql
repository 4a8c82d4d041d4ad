-- sayso store, first schema. Applied once, recorded in the `migrations` table.

CREATE TABLE outlets (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,          -- the article id, made unique ("stem" or "stem-<hash12>")
    article_id   TEXT NOT NULL,                 -- Article.id as read (file stem)
    content_hash TEXT NOT NULL UNIQUE,          -- SHA-256 of the text: stored once
    title        TEXT,
    date         TEXT,                          -- ISO 8601
    outlet_id    INTEGER REFERENCES outlets(id),
    url          TEXT,
    authors      TEXT NOT NULL DEFAULT '[]',    -- JSON list
    credits      TEXT NOT NULL DEFAULT '[]',    -- JSON list
    path         TEXT,
    format       TEXT,
    text         TEXT NOT NULL,
    added_at     TEXT NOT NULL
);
CREATE INDEX articles_article_id ON articles(article_id);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_outlet ON articles(outlet_id);

-- One row per real-world source. Anonymous sources are scoped to their article
-- (`scope` = the article's content hash): "three officials" in two articles are not the same people.
CREATE TABLE speakers (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,
    norm  TEXT NOT NULL,                        -- normalised canonical name: the get-or-create key
    type  TEXT NOT NULL DEFAULT 'unknown',
    scope TEXT NOT NULL DEFAULT '',
    UNIQUE (norm, scope)
);

CREATE TABLE speaker_aliases (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    alias      TEXT NOT NULL,
    norm       TEXT NOT NULL,
    PRIMARY KEY (speaker_id, norm)
);
CREATE INDEX speaker_aliases_norm ON speaker_aliases(norm);

CREATE TABLE speaker_descriptions (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('role', 'affiliation', 'descriptor')),
    text       TEXT NOT NULL,
    norm       TEXT NOT NULL,
    n          INTEGER NOT NULL DEFAULT 1,      -- attributions that carried it
    PRIMARY KEY (speaker_id, kind, norm)
);

CREATE TABLE attributions (
    id                  INTEGER PRIMARY KEY,
    article_id          INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx                 INTEGER NOT NULL,       -- position in the article's list
    kind                TEXT NOT NULL,
    confidence          REAL NOT NULL,
    speaker_id          INTEGER REFERENCES speakers(id),
    speaker_type        TEXT,                   -- as resolved in this article
    speaker_confidence  REAL,
    speaker_role        TEXT,
    speaker_affiliation TEXT,
    speaker_count       INTEGER,
    speaker_descriptor  TEXT,
    stance              TEXT,
    framing             TEXT,
    stance_explanation  TEXT,
    via                 INTEGER,                -- idx of the attribution this one rests on
    source_text         TEXT,                   -- denormalised for listing and search
    cue_text            TEXT,
    content_text        TEXT NOT NULL DEFAULT '',
    UNIQUE (article_id, idx)
);
CREATE INDEX attributions_speaker ON attributions(speaker_id);
CREATE INDEX attributions_stance ON attributions(stance);
CREATE INDEX attributions_type ON attributions(speaker_type);

CREATE TABLE spans (
    id             INTEGER PRIMARY KEY,
    attribution_id INTEGER NOT NULL REFERENCES attributions(id) ON DELETE CASCADE,
    role           TEXT NOT NULL CHECK (role IN ('source', 'cue', 'content', 'mention', 'trigger')),
    ord            INTEGER NOT NULL,            -- fragment order within the role
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    text           TEXT NOT NULL,
    CHECK (0 <= start AND start <= "end")
);
CREATE INDEX spans_attribution ON spans(attribution_id, role, ord);

-- Full text: what was said (plus who said it), and the articles themselves. rowid = the row's id.
CREATE VIRTUAL TABLE attributions_fts USING fts5(
    content, source, speaker, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, tokenize = 'unicode61 remove_diacritics 2'
);

PRAGMA user_version = 1;
