-- Job progress for `phonectl … --wait` and GET /api/jobs/{id}: the latest run of each job (by its name, e.g.
-- failover-floor-1), in the database so that every node of a cluster answers for a job whichever node runs it.
-- The node running the job writes its counters on a timer (not per phone); run_id keeps a late write of an earlier
-- run from touching the row of the next one.
CREATE TABLE job_runs (
    job          VARCHAR(200)  NOT NULL PRIMARY KEY,
    run_id       VARCHAR(64)   NOT NULL,
    node         VARCHAR(200)  NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE,
    failure      VARCHAR(1000),
    total        BIGINT        NOT NULL,
    done         BIGINT        NOT NULL,
    verified     BIGINT        NOT NULL,
    failed       BIGINT        NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The phones deferred or failed in the latest run of a job, each with why.
CREATE TABLE job_run_problems (
    job     VARCHAR(200)  NOT NULL,
    phone   VARCHAR(64)   NOT NULL,
    failed  BOOLEAN       NOT NULL,
    reason  VARCHAR(1000) NOT NULL,
    PRIMARY KEY (job, phone)
);
