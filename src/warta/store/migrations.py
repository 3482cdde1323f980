"""Schema migrations for the SQLite store, applied in order by ``PRAGMA user_version``.

Each entry is one schema version. Never edit a released migration: add a new one.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: articles, their earlier versions, the full-text index, rejected inputs, ingest runs
    """
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,              -- the full-text index's rowid
        id TEXT NOT NULL UNIQUE,                -- stable article id (see warta.model.article_id)
        url TEXT,
        outlet TEXT,
        title TEXT NOT NULL,
        published_at TEXT,                      -- ISO 8601 with the outlet's own offset, for display
        published_utc TEXT,                     -- the same instant in UTC, for sorting and ranges
        language TEXT,
        content_hash TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        doc TEXT NOT NULL                       -- the whole Article.to_dict() as JSON
    );
    CREATE INDEX articles_published ON articles(published_utc);
    CREATE INDEX articles_outlet_published ON articles(outlet, published_utc);
    CREATE INDEX articles_url ON articles(url);

    CREATE TABLE article_versions (             -- what an article was before its body changed
        article_id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        replaced_at TEXT NOT NULL,
        doc TEXT NOT NULL
    );
    CREATE INDEX article_versions_article ON article_versions(article_id);

    -- Contentless: we index Snowball-stemmed terms computed in Python (SQLite has no
    -- Indonesian stemmer), and keep the readable text in articles.doc.
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, content='', tokenize='unicode61 remove_diacritics 2'
    );

    CREATE TABLE ingest_runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        inputs TEXT NOT NULL,                   -- JSON list of the paths given
        new INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE rejections (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES ingest_runs(id),
        path TEXT NOT NULL,
        record TEXT,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
    );

    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: link stage: duplicate groups, stories, storylines, stored vectors and signatures, state
    """
    ALTER TABLE articles ADD COLUMN duplicate_of TEXT;
    ALTER TABLE articles ADD COLUMN story_id TEXT;
    ALTER TABLE articles ADD COLUMN storyline_id TEXT;
    ALTER TABLE articles ADD COLUMN linked INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_story ON articles(story_id, published_utc);
    CREATE INDEX articles_storyline ON articles(storyline_id);
    CREATE INDEX articles_duplicate ON articles(duplicate_of);
    CREATE INDEX articles_unlinked ON articles(published_utc) WHERE linked = 0;

    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        storyline_id TEXT,
        title TEXT NOT NULL,                    -- the first article's title
        first_article TEXT NOT NULL,
        size INTEGER NOT NULL DEFAULT 0,
        first_published TEXT,                   -- UTC
        last_published TEXT,                    -- UTC
        outlets TEXT NOT NULL DEFAULT '{}',     -- JSON: outlet -> articles
        summary TEXT                            -- JSON: top terms and names when last seen
    );
    CREATE INDEX stories_last ON stories(last_published);
    CREATE INDEX stories_storyline ON stories(storyline_id, first_published);

    CREATE TABLE storylines (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,                    -- the first story's title
        stories INTEGER NOT NULL DEFAULT 0,
        first_published TEXT,
        last_published TEXT,
        summary TEXT
    );
    CREATE INDEX storylines_last ON storylines(last_published);

    CREATE TABLE article_links (                -- what related-news ranking reads per article
        rowid INTEGER PRIMARY KEY,              -- = articles.rowid
        vector TEXT NOT NULL,                   -- JSON: top TF-IDF weights of terms and names
        signature BLOB                          -- MinHash signature for near-duplicate search
    );

    CREATE TABLE link_state (name TEXT PRIMARY KEY, data BLOB NOT NULL, saved_at TEXT NOT NULL);
    """,
    # 3: the understand stage's facts, indexed for entity, quotation, event and timeline queries
    """
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,                    -- type:canonical key ("person:yuri ushakov")
        name TEXT NOT NULL,                     -- the fullest name seen
        type TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '{}',     -- JSON: surface -> mentions
        roles TEXT NOT NULL DEFAULT '{}',       -- JSON: role -> {"first": date, "last": date}
        mentions INTEGER NOT NULL DEFAULT 0,
        articles INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT,
        last_seen TEXT
    );
    CREATE INDEX entities_type ON entities(type, mentions);
    CREATE INDEX entities_name ON entities(name COLLATE NOCASE);

    CREATE TABLE entity_mentions (
        entity_id TEXT NOT NULL,
        article_rowid INTEGER NOT NULL,
        published_utc TEXT,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (entity_id, article_rowid)
    ) WITHOUT ROWID;
    CREATE INDEX entity_mentions_article ON entity_mentions(article_rowid);
    CREATE INDEX entity_mentions_time ON entity_mentions(entity_id, published_utc);

    CREATE TABLE quotes (
        article_rowid INTEGER NOT NULL,
        speaker_entity TEXT,
        speaker TEXT,
        kind TEXT,
        verb TEXT,
        text TEXT NOT NULL,
        source TEXT,
        published_utc TEXT
    );
    CREATE INDEX quotes_speaker ON quotes(speaker_entity, published_utc);
    CREATE INDEX quotes_article ON quotes(article_rowid);

    CREATE TABLE events (
        article_rowid INTEGER NOT NULL,
        date TEXT,                              -- when it happened (ISO, as precise as known)
        actor1 TEXT,
        actor2 TEXT,
        code TEXT NOT NULL,                     -- PLOVER
        cameo TEXT,
        mode TEXT,
        location TEXT,
        evidence TEXT,
        published_utc TEXT
    );
    CREATE INDEX events_actor1 ON events(actor1, date);
    CREATE INDEX events_actor2 ON events(actor2, date);
    CREATE INDEX events_code ON events(code, date);
    CREATE INDEX events_article ON events(article_rowid);
    """,
    # 4: a narrow covering index from rowid to the filter columns: search facets and
    # filtered searches read it instead of the wide article rows (5x faster on 1M articles)
    """
    CREATE INDEX articles_facet ON articles(rowid, outlet, published_utc);
    """,
    # 5: linked originals by publication time: a linker starting on a big store reads the
    # recent originals' signatures without reading every article in the window (the copies
    # and the unlinked backlog), which took 7-30 s on 1.6M articles
    """
    CREATE INDEX articles_linked_originals ON articles(published_utc)
        WHERE linked = 1 AND duplicate_of IS NULL;
    """,
    # 6: a storyline's newest articles from the index alone, as a story's already are (related
    # news asks for them on every call; sorting a storyline of 1,800 articles read every row)
    """
    CREATE INDEX articles_storyline_published ON articles(storyline_id, published_utc);
    DROP INDEX articles_storyline;
    """,
    # 7: articles by their time in the outlet's own zone: the per-day counts of `warta stats`
    # and /api/stats read this narrow index instead of every wide row (on 1.6M articles the
    # first call after a start took 31 s and later ones 7.6 s)
    """
    CREATE INDEX articles_published_local ON articles(published_at);
    """,
    # 8: what related news reads of each of its few hundred candidates, by row key, in a
    # narrow index: a cold call read a wide article row per candidate (the rows of one
    # call are scattered; the index's entries for recent articles share pages)
    """
    CREATE INDEX articles_link_cover
        ON articles(rowid, id, published_at, story_id, storyline_id, duplicate_of);
    """,
    # 9: ... and from article_links alone: the link stage writes each article's id, time and
    # duplicate group there with its vector (none changes until the article is linked
    # again), so related news reads one table per candidate and schema 8's index, which
    # every link had to keep current, goes (on 1.6M articles a cold call's mean 22 -> 19 ms,
    # same answers). Story and storyline membership comes from their own indexes.
    """
    ALTER TABLE article_links ADD COLUMN article_id TEXT;
    ALTER TABLE article_links ADD COLUMN published_at TEXT;
    ALTER TABLE article_links ADD COLUMN duplicate_of TEXT;
    UPDATE article_links SET
        article_id = (SELECT a.id FROM articles a WHERE a.rowid = article_links.rowid),
        published_at = (SELECT a.published_at FROM articles a WHERE a.rowid = article_links.rowid),
        duplicate_of = (SELECT a.duplicate_of FROM articles a WHERE a.rowid = article_links.rowid);
    DROP INDEX articles_link_cover;
    """,
    # 10: each word of a person's full name, for an article that names the person by one word
    # only ("Santosa" alone, where other articles wrote "Bagus Santosa, ... Santosa"): the
    # store folds it into the full name's entity (store/facts.py). Filled from the people
    # already stored.
    """
    CREATE TABLE IF NOT EXISTS person_names (
        word TEXT NOT NULL,                     -- one word of the canonical key ("santosa")
        entity_id TEXT NOT NULL,                -- "person:bagus santosa"
        PRIMARY KEY (word, entity_id)
    ) WITHOUT ROWID;
    WITH RECURSIVE words(entity_id, rest, word) AS (
        SELECT id, substr(id, 8) || ' ', '' FROM entities
        WHERE type = 'PERSON' AND id LIKE 'person:% %'
        UNION ALL
        SELECT entity_id, substr(rest, instr(rest, ' ') + 1), substr(rest, 1, instr(rest, ' ') - 1)
        FROM words WHERE rest <> ''
    )
    INSERT OR IGNORE INTO person_names(word, entity_id)
        SELECT word, entity_id FROM words WHERE length(word) >= 3;
    """,
    # 11: whether an event happened ("asserted") or is only planned, hoped for or asked for
    # ("planned": "akan bertemu", "meminta X menolak"), so listings and the export can tell them
    # apart. Events already stored take it from their article's stored document.
    """
    ALTER TABLE events ADD COLUMN modality TEXT NOT NULL DEFAULT 'asserted';
    UPDATE events SET modality = 'planned' WHERE EXISTS (
        SELECT 1 FROM articles a, json_each(a.doc, '$.events') j
        WHERE a.rowid = events.article_rowid
          AND instr(a.doc, '"planned"') > 0
          AND json_extract(j.value, '$.modality') = 'planned'
          AND json_extract(j.value, '$.code') = events.code
          AND json_extract(j.value, '$.evidence') IS events.evidence
          AND json_extract(j.value, '$.date') IS events.date
    );
    """,
    # 12: the short form an article defined for a body's full name ("Institut Teknologi
    # Kalimaya (ITK)"), so that an article writing only the full name joins the short form's
    # entity (store/facts.py). Documents stored before carry no definitions: nothing to fill.
    """
    CREATE TABLE IF NOT EXISTS short_forms (
        full_name_id TEXT PRIMARY KEY,          -- "org:institut teknologi kalimaia"
        entity_id TEXT NOT NULL                 -- "org:itk"
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS short_forms_entity ON short_forms(entity_id);
    """,
]
