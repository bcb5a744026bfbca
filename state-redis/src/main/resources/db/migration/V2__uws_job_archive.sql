-- The UWS job archive: the durable record of every job, written through the state pool.
-- Parameters and results keep their order in child rows; a job's rows go with it.
CREATE SCHEMA IF NOT EXISTS tap_uws;

CREATE TABLE tap_uws.jobs (
    job_id             varchar(64) COLLATE "C" PRIMARY KEY,
    run_id             text,
    owner_id           text,
    phase              varchar(16) NOT NULL,
    execution_duration bigint      NOT NULL,  -- seconds; 0 = unlimited
    destruction        timestamptz NOT NULL,
    quote              timestamptz,
    creation_time      timestamptz NOT NULL,
    start_time         timestamptz,
    end_time           timestamptz,
    error_type         varchar(16),
    error_message      text
);

-- UWS job lists: one owner's jobs, newest first, paged by AFTER and LAST.
CREATE INDEX jobs_by_owner ON tap_uws.jobs (owner_id, creation_time DESC, job_id DESC);
-- The reaper: jobs whose destruction time has passed.
CREATE INDEX jobs_by_destruction ON tap_uws.jobs (destruction);

CREATE TABLE tap_uws.job_parameters (
    job_id       varchar(64) COLLATE "C" NOT NULL REFERENCES tap_uws.jobs ON DELETE CASCADE,
    position     integer NOT NULL,
    name         text    NOT NULL,
    value        text    NOT NULL,
    by_reference boolean NOT NULL,
    PRIMARY KEY (job_id, position)
);

CREATE TABLE tap_uws.job_results (
    job_id    varchar(64) COLLATE "C" NOT NULL REFERENCES tap_uws.jobs ON DELETE CASCADE,
    position  integer NOT NULL,
    result_id text    NOT NULL,
    mime_type text    NOT NULL,
    size      bigint  NOT NULL,
    PRIMARY KEY (job_id, position)
);
