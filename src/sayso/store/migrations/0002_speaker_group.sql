-- Speaker.group: the collective a source speaks for ("Republican lawmakers", "Romney campaign").
-- Kept per attribution and, per speaker, as a description of kind 'group'.
ALTER TABLE attributions ADD COLUMN speaker_group TEXT;

CREATE TABLE speaker_descriptions_new (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('role', 'affiliation', 'descriptor', 'group')),
    text       TEXT NOT NULL,
    norm       TEXT NOT NULL,
    n          INTEGER NOT NULL DEFAULT 1,      -- attributions that carried it
    PRIMARY KEY (speaker_id, kind, norm)
);
INSERT INTO speaker_descriptions_new (speaker_id, kind, text, norm, n)
    SELECT speaker_id, kind, text, norm, n FROM speaker_descriptions;
DROP TABLE speaker_descriptions;
ALTER TABLE speaker_descriptions_new RENAME TO speaker_descriptions;

PRAGMA user_version = 2;
