/** Step Functions' ceiling for a Distributed Map's MaxConcurrency (plain data: the CLI loads it at start-up). */
export const MAX_REPROCESS_CONCURRENCY = 10_000;
