import type { AgentDirectory } from '../../core/ports/agent-directory.js';
import { clientFrom, type GenesysApiClient, type GenesysApiOptions, listingDirectory } from './client.js';

/**
 * Agent names from the Genesys Cloud users API, for the AWS deployment (behind configuration):
 * `GET {api}/api/v2/users?id=…&id=…&pageSize=100&state=any` -> a UserEntityListing
 * (`{entities: [{id, name, …}], pageSize, pageNumber, total, pageCount}`). `state=any`, because
 * the API lists active users only by default and agents leave. Token, retries: see client.ts.
 * Names are cached for the life of the process (a warm Lambda asks once per agent). A failed
 * lookup fails the lookup only: MergeCtr keeps the ids (never fails the call).
 */
export type GenesysUsersApiOptions = GenesysApiOptions;

/** The API lists at most this many ids per request (`pageSize` bound). */
export const USERS_PER_REQUEST = 100;

export const genesysUsersApiDirectory = (client: GenesysApiClient | GenesysApiOptions): AgentDirectory =>
  listingDirectory(clientFrom(client), 'Genesys users API', USERS_PER_REQUEST, (ids) => {
    const query = new URLSearchParams({ pageSize: String(USERS_PER_REQUEST), state: 'any' });
    for (const id of ids) query.append('id', id);
    return `/api/v2/users?${query}`;
  });
