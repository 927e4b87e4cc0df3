/**
 * Queue names by Genesys queueId. Conversation records name queues only by `queueId`, so names
 * come from a directory: a queues export dropped or configured (core/queues/queues-export.ts) or,
 * on AWS when configured, the Genesys routing API (`GET /api/v2/routing/queues`).
 */
export interface QueueDirectory {
  /** Where the names come from, for lineage (e.g. `queues file inbox/genesys-queues.json`). */
  readonly source: string;
  /** Names of the ids the directory knows; unknown ids are simply absent from the map. */
  names(ids: readonly string[]): Promise<ReadonlyMap<string, string>>;
}
