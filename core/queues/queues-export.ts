import { type NameExportKind, parseNameExport } from '../names/name-export.js';
import { inboxExport, storeNameDirectory } from '../names/store-names.js';
import type { ObjectStoreWithHead } from '../ports/object-store.js';
import type { QueueDirectory } from '../ports/queue-directory.js';

/** CSV headers of a queues export: an id column and a name column. */
export const QUEUES_EXPORT: NameExportKind = {
  kind: 'queues',
  noun: 'queue',
  idColumns: ['id', 'queueid', 'queue id', 'genesys id', 'genesys queue id'],
  nameColumns: ['name', 'queue name', 'queuename', 'queue', 'display name'],
};

/**
 * A Genesys queues export, as people really save it:
 *  - the routing API page `GET /api/v2/routing/queues` (a QueueEntityListing: `{entities: [{id,
 *    name, division, memberCount, mediaSettings, ...}], pageSize, pageNumber, total, pageCount}`),
 *    or a list of such pages;
 *  - a plain list of queue objects (`[{id, name}, ...]`);
 *  - CSV `id,name` as ops export it (header names: `id`/`queue id`, `name`/`queue name`).
 * Queues without a name are skipped; a file with no usable queue is InvalidInputError('queues').
 */
export const parseQueuesExport = (text: string, key: string): Map<string, string> =>
  parseNameExport(text, key, QUEUES_EXPORT);

/** Where a queues export is picked up (inbox/genesys-queues.json|csv), and its names in a drop folder. */
export const { keys: QUEUES_FILE_KEYS, names: QUEUES_FILE_NAMES } = inboxExport('genesys-queues');

/** A queues export in the bucket (see storeNameDirectory): no file, no names. */
export const storeQueuesDirectory = (
  store: ObjectStoreWithHead,
  keys: readonly string[] = QUEUES_FILE_KEYS,
): QueueDirectory => storeNameDirectory(store, keys, parseQueuesExport, 'queues');

/** How a queue is shown: its name when known, else its id (never blank, never lost). */
export const queueLabel = (queueId: string, name: string | null | undefined): string => name ?? queueId;
