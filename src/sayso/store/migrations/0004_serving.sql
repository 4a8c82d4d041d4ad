-- Serving at scale: every listing walks an index in the order it shows, and counts are kept, not
-- recomputed. Attributions carry their article's date and outlet (set by a trigger, so no writer
-- needs to know); speakers and outlets carry their totals (kept by triggers on insert, delete and
-- re-pointing of an attribution).

ALTER TABLE attributions ADD COLUMN article_date TEXT;
ALTER TABLE attributions ADD COLUMN outlet_id INTEGER;
UPDATE attributions SET
    article_date = (SELECT date FROM articles WHERE articles.id = attributions.article_id),
    outlet_id = (SELECT outlet_id FROM articles WHERE articles.id = attributions.article_id);

DROP INDEX attributions_stance;
DROP INDEX attributions_type;
DROP INDEX attributions_speaker;
CREATE INDEX articles_newest ON articles(date DESC, id DESC);
CREATE INDEX articles_outlet_newest ON articles(outlet_id, date DESC, id DESC);
DROP INDEX articles_date;
DROP INDEX articles_outlet;
CREATE INDEX attributions_newest ON attributions(article_date DESC, article_id DESC, idx);
CREATE INDEX attributions_stance_newest ON attributions(stance, article_date DESC, article_id DESC, idx);
CREATE INDEX attributions_type_newest
    ON attributions(coalesce(speaker_type, 'unknown'), article_date DESC, article_id DESC, idx);
CREATE INDEX attributions_speaker_newest ON attributions(speaker_id, article_date DESC, article_id DESC, idx);
CREATE INDEX attributions_outlet_newest ON attributions(outlet_id, article_date DESC, article_id DESC, idx);
CREATE INDEX attributions_speaker_outlet ON attributions(speaker_id, outlet_id);
CREATE INDEX attributions_outlet_speaker ON attributions(outlet_id, speaker_id);

-- The name an attribution gave its speaker, and its key: a one-word name ("Cruz") can then be
-- credited again when a fuller name ("Ted Cruz") appears, whatever order articles arrive in.
ALTER TABLE attributions ADD COLUMN speaker_name TEXT;
ALTER TABLE attributions ADD COLUMN speaker_norm TEXT;
UPDATE attributions SET (speaker_name, speaker_norm) =
    (SELECT name, norm FROM speakers WHERE speakers.id = attributions.speaker_id) WHERE speaker_id IS NOT NULL;
CREATE INDEX attributions_speaker_norm ON attributions(speaker_norm) WHERE speaker_norm IS NOT NULL;

ALTER TABLE speakers ADD COLUMN n_quotes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE speakers ADD COLUMN n_articles INTEGER NOT NULL DEFAULT 0;
UPDATE speakers SET
    n_quotes = (SELECT count(*) FROM attributions WHERE speaker_id = speakers.id),
    n_articles = (SELECT count(DISTINCT article_id) FROM attributions WHERE speaker_id = speakers.id);
CREATE INDEX speakers_most_quoted ON speakers(n_quotes DESC, name, id);

ALTER TABLE outlets ADD COLUMN n_articles INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outlets ADD COLUMN n_quotes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outlets ADD COLUMN n_anonymous INTEGER NOT NULL DEFAULT 0;
UPDATE outlets SET
    n_articles = (SELECT count(*) FROM articles WHERE outlet_id = outlets.id),
    n_quotes = (SELECT count(*) FROM attributions WHERE outlet_id = outlets.id),
    n_anonymous = (SELECT count(*) FROM attributions WHERE outlet_id = outlets.id AND speaker_type = 'anonymous');

-- Totals of the record by kind, source type and stance, kept as attributions come and go.
CREATE TABLE attribution_totals (
    what  TEXT NOT NULL,                        -- 'kind', 'type' or 'stance'
    value TEXT NOT NULL,
    n     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (what, value)
);
INSERT INTO attribution_totals (what, value, n) SELECT 'kind', kind, count(*) FROM attributions GROUP BY kind;
INSERT INTO attribution_totals (what, value, n)
    SELECT 'type', coalesce(speaker_type, 'unknown'), count(*) FROM attributions GROUP BY 2;
INSERT INTO attribution_totals (what, value, n)
    SELECT 'stance', coalesce(stance, 'none'), count(*) FROM attributions GROUP BY 2;

CREATE TRIGGER attributions_counted AFTER INSERT ON attributions BEGIN
    INSERT INTO attribution_totals (what, value, n) VALUES ('kind', NEW.kind, 1),
        ('type', coalesce(NEW.speaker_type, 'unknown'), 1), ('stance', coalesce(NEW.stance, 'none'), 1)
        ON CONFLICT (what, value) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER attributions_uncounted AFTER DELETE ON attributions BEGIN
    UPDATE attribution_totals SET n = n - 1 WHERE (what, value) IN
        (VALUES ('kind', OLD.kind), ('type', coalesce(OLD.speaker_type, 'unknown')), ('stance', coalesce(OLD.stance, 'none')));
END;

CREATE TRIGGER attributions_added AFTER INSERT ON attributions BEGIN
    UPDATE attributions SET
        article_date = (SELECT date FROM articles WHERE id = NEW.article_id),
        outlet_id = (SELECT outlet_id FROM articles WHERE id = NEW.article_id)
    WHERE id = NEW.id;
    UPDATE speakers SET n_quotes = n_quotes + 1,
        n_articles = n_articles + NOT EXISTS (SELECT 1 FROM attributions WHERE article_id = NEW.article_id
                                              AND speaker_id = NEW.speaker_id AND id <> NEW.id)
    WHERE id = NEW.speaker_id;
    UPDATE outlets SET n_quotes = n_quotes + 1, n_anonymous = n_anonymous + (NEW.speaker_type IS 'anonymous')
    WHERE id = (SELECT outlet_id FROM articles WHERE id = NEW.article_id);
END;

CREATE TRIGGER attributions_removed AFTER DELETE ON attributions BEGIN
    UPDATE speakers SET n_quotes = n_quotes - 1,
        n_articles = n_articles - NOT EXISTS (SELECT 1 FROM attributions WHERE article_id = OLD.article_id
                                              AND speaker_id = OLD.speaker_id)
    WHERE id = OLD.speaker_id;
    UPDATE outlets SET n_quotes = n_quotes - 1, n_anonymous = n_anonymous - (OLD.speaker_type IS 'anonymous')
    WHERE id = OLD.outlet_id;
END;

CREATE TRIGGER attributions_repointed AFTER UPDATE OF speaker_id ON attributions
WHEN OLD.speaker_id IS NOT NEW.speaker_id BEGIN
    UPDATE speakers SET n_quotes = n_quotes - 1,
        n_articles = n_articles - NOT EXISTS (SELECT 1 FROM attributions WHERE article_id = OLD.article_id
                                              AND speaker_id = OLD.speaker_id)
    WHERE id = OLD.speaker_id;
    UPDATE speakers SET n_quotes = n_quotes + 1,
        n_articles = n_articles + NOT EXISTS (SELECT 1 FROM attributions WHERE article_id = NEW.article_id
                                              AND speaker_id = NEW.speaker_id AND id <> NEW.id)
    WHERE id = NEW.speaker_id;
END;

CREATE TRIGGER articles_added AFTER INSERT ON articles BEGIN
    UPDATE outlets SET n_articles = n_articles + 1 WHERE id = NEW.outlet_id;
END;

CREATE TRIGGER articles_removed AFTER DELETE ON articles BEGIN
    UPDATE outlets SET n_articles = n_articles - 1 WHERE id = OLD.outlet_id;
END;

PRAGMA user_version = 4;
