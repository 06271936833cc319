-- Events per persistence id, numbered 1, 2, 3…; the primary key makes a second writer of a number fail.
CREATE TABLE journal (
    persistence_id text NOT NULL,
    sequence_nr bigint NOT NULL,
    manifest text NOT NULL,
    payload bytea NOT NULL,
    written_at timestamptz NOT NULL,
    PRIMARY KEY (persistence_id, sequence_nr)
);

CREATE TABLE snapshots (
    persistence_id text NOT NULL,
    sequence_nr bigint NOT NULL,
    manifest text NOT NULL,
    payload bytea NOT NULL,
    written_at timestamptz NOT NULL,
    PRIMARY KEY (persistence_id, sequence_nr)
);
