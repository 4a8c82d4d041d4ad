-- Filters inside the full-text index: a fourth column, `facets`, holds one token per filter value of
-- the attribution (stance, source type, outlet, speaker, and the article's year, month and day), so
-- words with filters are one FTS5 query whose doclists are intersected in C, newest first, and a
-- filter never costs a look-up per match. Users' words are searched in the three other columns only
-- and the facets column weighs 0 in bm25. The tokens (spelt once, by the view
-- `attribution_facets`; a test compares every row with it):
--   zs<coalesce(stance, 'none')>  zt<coalesce(speaker_type, 'unknown')>  zo<outlet id> (none when NULL)
--   zp<speaker id> or zpnull      zy<YYYY> zm<YYYYMM> zd<YYYYMMDD> for a calendar date, zdx for any
--   other non-NULL date (date filters then fall back to SQL).
-- A trigger keeps them when a row's stance, type, outlet, speaker or date changes (speaker
-- relinking, re-analysis, outlet and date back-fills). The index is rebuilt once here (1M
-- attributions: see the README, "Serving at scale").

CREATE VIEW attribution_facets (id, facets) AS
SELECT at.id, 'zs' || coalesce(at.stance, 'none') || ' zt' || coalesce(at.speaker_type, 'unknown')
    || ' zo' || coalesce(at.outlet_id, 'none') || ' zp' || coalesce(at.speaker_id, 'null')
    || CASE WHEN date(substr(at.article_date, 1, 10), '+0 days') = substr(at.article_date, 1, 10)
            THEN ' zy' || substr(at.article_date, 1, 4) || ' zm' || substr(at.article_date, 1, 4)
                 || substr(at.article_date, 6, 2) || ' zd' || substr(at.article_date, 1, 4)
                 || substr(at.article_date, 6, 2) || substr(at.article_date, 9, 2)
            WHEN at.article_date IS NOT NULL THEN ' zdx' ELSE '' END
FROM attributions at;

CREATE VIRTUAL TABLE attributions_fts_faceted USING fts5(
    content, source, speaker, facets, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO attributions_fts_faceted (rowid, content, source, speaker, facets)
SELECT f.rowid, f.content, f.source, f.speaker, v.facets
FROM attributions_fts f JOIN attribution_facets v ON v.id = f.rowid
ORDER BY f.rowid;
DROP TABLE attributions_fts;
ALTER TABLE attributions_fts_faceted RENAME TO attributions_fts;
INSERT INTO attributions_fts (attributions_fts) VALUES ('optimize');

CREATE TRIGGER attributions_faceted
AFTER UPDATE OF stance, speaker_type, outlet_id, speaker_id, article_date ON attributions BEGIN
    UPDATE attributions_fts SET facets = (SELECT facets FROM attribution_facets WHERE id = NEW.id)
    WHERE rowid = NEW.id;
END;

PRAGMA user_version = 5;
