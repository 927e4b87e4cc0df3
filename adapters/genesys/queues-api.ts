import type { QueueDirectory } from '../../core/ports/queue-directory.js';
import { clientFrom, type GenesysApiClient, type GenesysApiOptions, listingDirectory } from './client.js';

/**
 * Queue names from the Genesys Cloud routing API, for the AWS deployment (behind the same
 * configuration and OAuth client as the users API; the client needs `routing:queue:view`):
 * `GET {api}/api/v2/routing/queues?id=…&id=…&pageSize=100` -> a QueueEntityListing
 * (`{entities: [{id, name, division, memberCount, mediaSettings, …}], pageSize, pageNumber, total,
 * pageCount}`). The listing's `id` parameter takes a list ("Include only queues with the specified
 * ID(s)"), so one request names up to a page of queues, where `GET /api/v2/routing/queues/{queueId}`
 * would cost one request per queue. A deleted queue is simply not listed: its calls keep the id.
 * Names are cached for the life of the process; token and retries are shared (client.ts).
 */
export const QUEUES_PER_REQUEST = 100;

export const genesysQueuesApiDirectory = (client: GenesysApiClient | GenesysApiOptions): QueueDirectory =>
  listingDirectory(clientFrom(client), 'Genesys routing API', QUEUES_PER_REQUEST, (ids) => {
    const query = new URLSearchParams({ pageSize: String(QUEUES_PER_REQUEST) });
    for (const id of ids) query.append('id', id);
    return `/api/v2/routing/queues?${query}`;
  });
