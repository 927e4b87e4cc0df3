import { AGENT_ROSTER } from './people.js';
import { stableId } from './stable-id.js';

/** The file name a drop carries its users export under (debrief reads it for agent names). */
export const USERS_EXPORT_FILE = 'genesys-users.json';

/**
 * The contact center's agents as the Genesys users API lists them (`GET /api/v2/users`, a
 * UserEntityListing page): what an admin exports so records without agent names can be named.
 */
export function genesysUsersExport(): Record<string, unknown> {
  const entities = AGENT_ROSTER.map((a) => {
    const name = `${a.first} ${a.last}`;
    const id = stableId('user', name);
    const local = `${a.first}.${a.last}`.toLowerCase().replace(/[^a-z.]/g, '');
    const email = `${local}@acme.example`;
    return {
      id,
      name,
      division: {
        id: stableId('division', 'Home'),
        name: 'Home',
        selfUri: `/api/v2/authorization/divisions/${stableId('division', 'Home')}`,
      },
      chat: { jabberId: `${id.slice(0, 24)}@acme.orgspan.com` },
      email,
      primaryContactInfo: [{ address: email, mediaType: 'EMAIL', type: 'PRIMARY' }],
      addresses: [],
      state: 'active',
      username: email,
      version: 3,
      acdAutoAnswer: false,
      selfUri: `/api/v2/users/${id}`,
    };
  });
  return {
    entities,
    pageSize: 100,
    pageNumber: 1,
    total: entities.length,
    firstUri: '/api/v2/users?pageSize=100&pageNumber=1',
    selfUri: '/api/v2/users?pageSize=100&pageNumber=1',
    lastUri: '/api/v2/users?pageSize=100&pageNumber=1',
    pageCount: 1,
  };
}
