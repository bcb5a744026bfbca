-- Each job's log (what every instance did with it), archived with the job from Redis, where the
-- log lives beside the job; a rebuild of Redis puts it back. Lines go with their job.
-- V5, not V4: databases migrated past tap_links' V4.1 would refuse (Flyway does not apply a version
-- below one already applied).
CREATE TABLE tap_uws.job_log (
    job_id   varchar(64) COLLATE "C" NOT NULL REFERENCES tap_uws.jobs ON DELETE CASCADE,
    position integer     NOT NULL,
    time     timestamptz NOT NULL,
    instance text        NOT NULL,
    event    text        NOT NULL,
    PRIMARY KEY (job_id, position)
);
