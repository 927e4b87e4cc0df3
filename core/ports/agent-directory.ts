/**
 * Agent display names by Genesys userId. Real conversation records carry agents' ids but rarely
 * their `participantName`, so names come from a directory: a users export dropped or configured
 * (core/agents/users-export.ts) or, on AWS when configured, the Genesys users API.
 */
export interface AgentDirectory {
  /** Where the names come from, for lineage (e.g. `users file inbox/genesys-users.json`). */
  readonly source: string;
  /** Names of the ids the directory knows; unknown ids are simply absent from the map. */
  names(ids: readonly string[]): Promise<ReadonlyMap<string, string>>;
}
