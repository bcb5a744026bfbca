-- The result store: async jobs' results, cut into chunks so that no connection or transaction
-- stays open while a result is streamed in or out. A write stores its chunks under a fresh
-- generation, each in its own statement; closing it makes that generation the result's visible
-- one and removes the one it replaces. No foreign key to tap_uws.jobs: a result may be written
-- before the job's row reaches the archive.

-- One per write, so that a result being rewritten never shares a chunk with the old one.
CREATE SEQUENCE tap_uws.result_generations AS bigint;

CREATE TABLE tap_uws.stored_results (
    job_id     varchar(64) COLLATE "C" NOT NULL,
    result_id  text        COLLATE "C" NOT NULL,
    generation bigint      NOT NULL UNIQUE,
    size       bigint      NOT NULL,  -- bytes; a reader that gets fewer knows the result is gone
    created    timestamptz NOT NULL,
    PRIMARY KEY (job_id, result_id)
);

-- Chunks carry their job so that deleting a job also finds those of writes that never closed.
CREATE TABLE tap_uws.result_chunks (
    generation bigint NOT NULL,
    seq        integer NOT NULL,
    job_id     varchar(64) COLLATE "C" NOT NULL,
    data       bytea   NOT NULL,
    PRIMARY KEY (generation, seq)
);
CREATE INDEX result_chunks_by_job ON tap_uws.result_chunks (job_id);

-- Out of line but not compressed: compressing each chunk made writing a TABLEDATA result about
-- three times slower, all of it on the database's CPU, to save half of a disk that results
-- leave again when their jobs are destroyed.
ALTER TABLE tap_uws.result_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
