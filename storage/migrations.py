"""Numbered schema migrations, one list for every backend.

Append new migrations at the end of MIGRATIONS (its position is its number); never edit one
that has shipped. Write them in SQLite's spelling with portable SQL: PostgreSQL runs the same
text with its own types (INTEGER becomes BIGINT, REAL DOUBLE PRECISION, `id INTEGER PRIMARY
KEY` an identity column; storage/dialect.py). Only if that is not enough, add the PostgreSQL
text under the same number in POSTGRES_VARIANTS below.

SQLite records the last one applied in `PRAGMA user_version`, PostgreSQL in the
`schema_migrations` table (one row per number).
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the initial schema.
    """
    CREATE TABLE applications (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        permit_type TEXT NOT NULL,
        applicant_name TEXT NOT NULL,
        contact TEXT NOT NULL DEFAULT '',
        access_code_hash TEXT NOT NULL,
        stage TEXT NOT NULL,
        stage_entered_at REAL NOT NULL,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        due_at REAL NOT NULL,
        decided_at REAL,
        version INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX applications_open_by_stage ON applications (stage, stage_entered_at)
        WHERE decided_at IS NULL;
    CREATE INDEX applications_open_by_due ON applications (due_at) WHERE decided_at IS NULL;
    CREATE INDEX applications_created ON applications (created_at);
    CREATE INDEX applications_decided ON applications (decided_at) WHERE decided_at IS NOT NULL;

    CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications (id),
        action TEXT NOT NULL,
        from_stage TEXT,
        to_stage TEXT NOT NULL,
        public_note TEXT NOT NULL DEFAULT '',
        internal_note TEXT NOT NULL DEFAULT '',
        staff_id INTEGER,
        at REAL NOT NULL,
        due_at REAL NOT NULL
    );
    CREATE INDEX history_by_application ON history (application_id, id);

    CREATE TABLE chats (
        chat_id INTEGER PRIMARY KEY,
        language TEXT,
        first_seen REAL NOT NULL,
        blocked INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE followers (
        application_id INTEGER NOT NULL REFERENCES applications (id),
        chat_id INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE,
        since REAL NOT NULL,
        PRIMARY KEY (application_id, chat_id)
    ) WITHOUT ROWID;
    CREATE INDEX followers_by_chat ON followers (chat_id);

    CREATE TABLE staff (
        user_id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'operator')),
        active INTEGER NOT NULL DEFAULT 1,
        added_at REAL NOT NULL,
        added_by INTEGER
    );

    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        event_key TEXT NOT NULL,
        chat_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        application_id INTEGER REFERENCES applications (id),
        history_id INTEGER REFERENCES history (id),
        payload TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL,
        last_error TEXT NOT NULL DEFAULT '',
        created_at REAL NOT NULL,
        sent_at REAL,
        UNIQUE (event_key, chat_id)
    );
    CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
    CREATE INDEX outbox_by_chat ON outbox (chat_id, status);

    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        staff_id INTEGER NOT NULL,
        action TEXT NOT NULL,
        application_id INTEGER REFERENCES applications (id),
        arguments TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_by_application ON audit (application_id, id);

    CREATE TABLE sequences (
        prefix TEXT NOT NULL,
        year INTEGER NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (prefix, year)
    );

    CREATE TABLE attempts (
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        at REAL NOT NULL
    );
    CREATE INDEX attempts_window ON attempts (kind, subject, at);

    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: covering indexes for the performance figures (/stats): a year of a large office is
    # counted from the indexes alone, without reading application rows.
    """
    CREATE INDEX applications_received_figures ON applications (created_at, permit_type);
    CREATE INDEX applications_decided_figures
        ON applications (decided_at, permit_type, stage, due_at, created_at)
        WHERE decided_at IS NOT NULL;
    CREATE INDEX applications_open_figures ON applications (permit_type, stage, stage_entered_at)
        WHERE decided_at IS NULL;
    CREATE INDEX outbox_by_status_created ON outbox (status, created_at);
    """,
    # 3: /queue without a stage and /overdue read only the rows they show (measured on a
    # million applications: 39 → 2 ms and 42 → 10 ms, bench/store_scale.py).
    """
    CREATE INDEX applications_open_by_entered ON applications (stage_entered_at)
        WHERE decided_at IS NULL;
    DROP INDEX applications_open_by_due;
    CREATE INDEX applications_open_by_due ON applications (due_at, permit_type, stage)
        WHERE decided_at IS NULL;
    """,
    # 4: wrong access codes are counted per chat (a lock-out hurts only the chat that
    # guessed). Rows from before carry no chat: they still count towards the office-wide alert
    # on their application but lock nobody. A staff /unlock marks rows cleared rather than
    # deleting them, so the alert still sees what happened.
    """
    ALTER TABLE attempts ADD COLUMN chat_id INTEGER;
    ALTER TABLE attempts ADD COLUMN cleared INTEGER NOT NULL DEFAULT 0;
    UPDATE attempts SET chat_id = CAST(subject AS INTEGER) WHERE kind = 'unknown_lookup';
    CREATE INDEX attempts_by_chat ON attempts (kind, chat_id, at) WHERE chat_id IS NOT NULL;
    """,
    # 5: an undo's history row names the move it
    # took back. Unique, so a move is undone at most once however two undos race.
    """
    ALTER TABLE history ADD COLUMN undoes INTEGER REFERENCES history (id);
    CREATE UNIQUE INDEX history_undoes ON history (undoes) WHERE undoes IS NOT NULL;
    """,
    # 6: the bill an applicant pays at the fee stage (/fee), and whether an issued permit was
    # collected (the not-collected reminder and /collected). One row per application each.
    """
    CREATE TABLE fees (
        application_id INTEGER PRIMARY KEY REFERENCES applications (id),
        amount BIGINT NOT NULL,
        billing_code TEXT NOT NULL,
        due_at REAL NOT NULL,
        recorded_at REAL NOT NULL,
        staff_id BIGINT NOT NULL
    );
    CREATE TABLE pickups (
        application_id INTEGER PRIMARY KEY REFERENCES applications (id),
        reminded_at REAL,
        collected_at REAL,
        collected_by BIGINT
    );
    """,
    # 7: the satisfaction survey (SKM). An invitation per follower of a decided application
    # holds the survey's progress; once finished its answers move into responses that carry
    # neither the chat nor the application, only the day, so figures cannot name anyone.
    """
    CREATE TABLE survey_invitations (
        application_id INTEGER NOT NULL REFERENCES applications (id),
        chat_id BIGINT NOT NULL,
        invited_at REAL NOT NULL,
        step INTEGER NOT NULL DEFAULT 0,
        answers TEXT NOT NULL DEFAULT '',
        finished INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (application_id, chat_id)
    );
    CREATE INDEX survey_invitations_by_chat ON survey_invitations (chat_id, step)
        WHERE finished = 0;
    CREATE TABLE survey_responses (
        id INTEGER PRIMARY KEY,
        answered_on TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE survey_answers (
        response_id INTEGER NOT NULL REFERENCES survey_responses (id),
        element INTEGER NOT NULL,
        answer INTEGER NOT NULL,
        PRIMARY KEY (response_id, element)
    );
    CREATE INDEX survey_responses_by_day ON survey_responses (answered_on);
    """,
    # 8: questions to the office about one application. A question is a thread: staff answer
    # by replying to its post(s) in the staff chats (found again by chat and message id) until
    # a clerk closes it. One unanswered question per chat and application at a time (the
    # partial unique index). A draft is a chat waiting to type its question, in the database
    # so that any bot process reads the typed text as the question.
    """
    CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications (id),
        chat_id BIGINT NOT NULL,
        body TEXT NOT NULL,
        asked_at REAL NOT NULL,
        answered_at REAL,
        closed_at REAL,
        closed_by BIGINT
    );
    CREATE INDEX questions_by_application ON questions (application_id, id);
    CREATE INDEX questions_by_chat ON questions (chat_id, asked_at);
    CREATE INDEX questions_waiting ON questions (asked_at)
        WHERE answered_at IS NULL AND closed_at IS NULL;
    CREATE UNIQUE INDEX questions_one_waiting ON questions (application_id, chat_id)
        WHERE answered_at IS NULL AND closed_at IS NULL;
    CREATE TABLE question_answers (
        id INTEGER PRIMARY KEY,
        question_id INTEGER NOT NULL REFERENCES questions (id),
        body TEXT NOT NULL,
        staff_id BIGINT NOT NULL,
        answered_at REAL NOT NULL
    );
    CREATE INDEX question_answers_by_question ON question_answers (question_id, id);
    CREATE TABLE question_posts (
        chat_id BIGINT NOT NULL,
        message_id BIGINT NOT NULL,
        question_id INTEGER NOT NULL REFERENCES questions (id),
        PRIMARY KEY (chat_id, message_id)
    );
    CREATE INDEX question_posts_by_question ON question_posts (question_id);
    CREATE TABLE question_drafts (
        chat_id BIGINT PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications (id),
        expires_at REAL NOT NULL
    );
    """,
    # 9: documents applicants hand in by chat (the bytes live in the file store, named by
    # `storage_key`; never by the sender's file name), one row per application and Telegram
    # file (`file_unique_id`), so a repeated upload is acknowledged, not stored twice. A file
    # sent while the chat follows several eligible applications waits in document_choices
    # until the chat picks one (or the row expires).
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications (id),
        chat_id BIGINT NOT NULL,
        file_id TEXT NOT NULL,
        file_unique_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        storage_key TEXT NOT NULL,
        received_at REAL NOT NULL,
        status TEXT NOT NULL DEFAULT 'received'
            CHECK (status IN ('received', 'accepted', 'again')),
        reviewed_by BIGINT,
        reviewed_at REAL,
        review_note TEXT NOT NULL DEFAULT '',
        UNIQUE (application_id, file_unique_id)
    );
    CREATE INDEX documents_by_application ON documents (application_id, received_at);
    CREATE INDEX documents_by_chat ON documents (chat_id);
    CREATE TABLE document_choices (
        id INTEGER PRIMARY KEY,
        chat_id BIGINT NOT NULL,
        file_id TEXT NOT NULL,
        file_unique_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        expires_at REAL NOT NULL
    );
    CREATE INDEX document_choices_by_chat ON document_choices (chat_id);
    """,
    # 10: what a person's chat waits for next (the access code after Follow, a reason, a
    # Confirm button), so any instance can take the answer (storage/conversations.py).
    """
    CREATE TABLE conversations (
        chat_id BIGINT NOT NULL,
        user_id BIGINT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        question BIGINT NOT NULL DEFAULT 0,
        expires_at REAL NOT NULL,
        PRIMARY KEY (chat_id, user_id, key)
    );
    CREATE INDEX conversations_by_expiry ON conversations (expires_at);
    """,
    # 11: /stats for a year counts received applications per permit type and decisions per
    # final stage as index ranges instead of sums over every row (bench/pg_scale.py at
    # 5,000,000 applications; docs/benchmarks.md). The type-first index replaces migration
    # 2's (created_at, permit_type), which nothing else reads.
    """
    CREATE INDEX applications_received_by_type ON applications (permit_type, created_at);
    CREATE INDEX applications_decided_by_stage ON applications (stage, decided_at)
        WHERE decided_at IS NOT NULL;
    DROP INDEX applications_received_figures;
    """,
    # 12: leases, so several processes on one PostgreSQL database share the work: one row
    # per role ("sender", "scheduler", "poller") with its holder and expiry; `value` keeps
    # what a new holder carries on from (the poller's update offset). An outbox row being
    # sent names the process that claimed it, so a new sender re-queues only rows whose
    # claimer lost the sender lease, not rows still in someone's hands.
    """
    CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at REAL NOT NULL,
        renewed_at REAL NOT NULL,
        value TEXT NOT NULL DEFAULT ''
    );
    ALTER TABLE outbox ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
    """,
)


# Migrations whose PostgreSQL text is not the SQLite one with PostgreSQL's types
# (storage/dialect.py:postgres_schema): {number: script}. Most need no entry.
POSTGRES_VARIANTS: dict[int, str] = {
    # The SQLite-only parts of 1 (WITHOUT ROWID) are dropped by the type mapping; 4's CAST
    # of old rows' text runs on an empty table on a new PostgreSQL database.
}


def script_for(number: int, dialect: str) -> str:
    """The text of migration `number` (from 1) for a backend ("sqlite" or "postgresql")."""
    if dialect == "postgresql" and number in POSTGRES_VARIANTS:
        return POSTGRES_VARIANTS[number]
    return MIGRATIONS[number - 1]
