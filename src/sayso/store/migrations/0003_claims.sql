-- Claims across articles: the same proposition in many reports (issue 8).
-- Grouping is incremental: each stored article's reports join the nearest claim or start one,
-- inside the article's own transaction.

CREATE TABLE claims (
    id          INTEGER PRIMARY KEY,
    statement   TEXT NOT NULL,                  -- representative statement (its first report)
    first_seen  TEXT,                           -- earliest date of an article reporting it
    n_reports   INTEGER NOT NULL DEFAULT 0,
    n_articles  INTEGER NOT NULL DEFAULT 0,
    n_vectors   INTEGER NOT NULL DEFAULT 1,     -- articles averaged into vector_sum (one report each)
    vector_sum  BLOB NOT NULL,                  -- float32 sum of the compact vectors of those reports
    dirty       INTEGER NOT NULL DEFAULT 0,     -- a report was deleted: recompute the sum before use
    created_at  TEXT NOT NULL
);
CREATE INDEX claims_articles ON claims(n_articles DESC, n_reports DESC);
CREATE INDEX claims_dirty ON claims(id) WHERE dirty = 1;

-- One report of a claim: an attribution's content, or an article's headline (attribution_id NULL).
CREATE TABLE claim_reports (
    id                INTEGER PRIMARY KEY,
    claim_id          INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    article_id        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    attribution_id    INTEGER REFERENCES attributions(id) ON DELETE CASCADE,
    text              TEXT NOT NULL,
    similarity        REAL NOT NULL,            -- to the claim when it joined (1.0 for its first report)
    stance            TEXT NOT NULL CHECK (stance IN ('supports', 'denies', 'hedges', 'observing')),
    stance_confidence REAL NOT NULL,
    source_stance     TEXT,                     -- the source's stance it was judged with (resolve.stance)
    origin_key        TEXT NOT NULL,            -- the first-hand source it rests on (see claims/provenance.py)
    origin_name       TEXT NOT NULL,
    origin_type       TEXT NOT NULL,
    origin_via        TEXT                      -- the outlet the origin reached print through, if any
);
CREATE INDEX claim_reports_claim ON claim_reports(claim_id);
CREATE INDEX claim_reports_article ON claim_reports(article_id);
CREATE INDEX claim_reports_attribution ON claim_reports(attribution_id);

-- However an article goes (reanalysis, deletion), its reports go with it by cascade; the claim is
-- marked for its sum to be recomputed from the reports left, and empty claims are dropped then.
CREATE TRIGGER claim_reports_deleted AFTER DELETE ON claim_reports BEGIN
    UPDATE claims SET n_reports = n_reports - 1, dirty = 1 WHERE id = OLD.claim_id;
END;

-- Near-duplicate article text (MinHash with LSH bands): wire copies of one story.
CREATE TABLE article_signatures (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    minhash    BLOB NOT NULL,                   -- uint32 MinHash signature of word shingles
    copy_of    INTEGER REFERENCES articles(id) ON DELETE SET NULL,  -- the first stored article of the story
    similarity REAL                             -- estimated Jaccard similarity to it
);
CREATE TABLE signature_bands (
    band       INTEGER NOT NULL,
    hash       INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, article_id)
) WITHOUT ROWID;
CREATE INDEX signature_bands_article ON signature_bands(article_id);

-- Bumped by every write to the claims, so a process knows when its cached centroids are stale.
CREATE TABLE claims_state (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO claims_state (id, version) VALUES (1, 0);

PRAGMA user_version = 3;
