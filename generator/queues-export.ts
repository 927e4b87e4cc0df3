import { TOPIC_CONTENT } from './content/topics.js';
import { stableId } from './stable-id.js';

/** The file name a drop carries its queues export under (debrief reads it for queue names). */
export const QUEUES_EXPORT_FILE = 'genesys-queues.json';

/** Every queue a generated call can enter or be transferred to, in a stable order. */
export const generatedQueueNames = (): string[] => [
  ...new Set(Object.values(TOPIC_CONTENT).flatMap((t) => [t.queue, ...t.escalationQueues])),
];

/**
 * The contact center's queues as the Genesys routing API lists them (`GET /api/v2/routing/queues`,
 * a QueueEntityListing page): what an admin exports so the queue ids of conversation records
 * (`segments[].queueId`, the only way records name a queue) can be named.
 */
export function genesysQueuesExport(): Record<string, unknown> {
  const division = stableId('division', 'Home');
  const admin = stableId('user', 'Routing Admin');
  const entities = generatedQueueNames().map((name, i) => {
    const id = stableId('queue', name);
    return {
      id,
      name,
      division: { id: division, name: 'Home', selfUri: `/api/v2/authorization/divisions/${division}` },
      description: `${name} calls`,
      dateCreated: '2025-03-04T09:15:00Z',
      dateModified: '2026-01-12T16:40:00Z',
      modifiedBy: admin,
      createdBy: admin,
      memberCount: 6 + ((i * 7) % 11),
      userMemberCount: 6 + ((i * 7) % 11),
      joinedMemberCount: 4 + ((i * 5) % 7),
      mediaSettings: {
        call: { alertingTimeoutSeconds: 8, serviceLevel: { percentage: 0.8, durationMs: 20000 } },
      },
      routingRules: [],
      acwSettings: { wrapupPrompt: 'MANDATORY_TIMEOUT', timeoutMs: 60000 },
      skillEvaluationMethod: 'BEST',
      autoAnswerOnly: false,
      enableTranscription: true,
      enableManualAssignment: false,
      callingPartyName: 'Acme',
      selfUri: `/api/v2/routing/queues/${id}`,
    };
  });
  return {
    entities,
    pageSize: 100,
    pageNumber: 1,
    total: entities.length,
    firstUri: '/api/v2/routing/queues?pageSize=100&pageNumber=1',
    selfUri: '/api/v2/routing/queues?pageSize=100&pageNumber=1',
    lastUri: '/api/v2/routing/queues?pageSize=100&pageNumber=1',
    pageCount: 1,
  };
}
