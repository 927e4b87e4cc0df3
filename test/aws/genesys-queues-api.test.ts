import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { genesysApiClient } from '../../adapters/genesys/client.js';
import { genesysQueuesApiDirectory, QUEUES_PER_REQUEST } from '../../adapters/genesys/queues-api.js';
import { genesysUsersApiDirectory } from '../../adapters/genesys/users-api.js';
import { LambdaConfig } from '../../functions/config.js';
import { FAST_RETRY } from '../helpers/aws.js';
import { FIXTURES } from '../helpers/paths.js';

// The Genesys login and API hosts, played by a fetch stub answering in the documented shapes
// (token: {access_token, token_type, expires_in}; queues: QueueEntityListing; users: UserEntityListing).
const QUEUES = JSON.parse(readFileSync(join(FIXTURES, 'genesys', 'queues-api-page.json'), 'utf8'));
const USERS = JSON.parse(readFileSync(join(FIXTURES, 'genesys', 'users-api-page.json'), 'utf8'));
const CLAIMS = '5b1f9d3a-7e2c-4a86-b0d4-e9a3c7f1b528';
const SUPPORT = '9a4e2f71-c5d3-4b86-8e10-f7b3a2d6c954';
const PRIYA = '9c1e5b73-2a8d-4f60-b4c9-71e0d3f8a562';
const DELETED = '00000000-dead-4bee-8f00-000000000000';

interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: string | null;
}
let seen: Seen[] = [];
let script: { path: string; status: number; headers?: Record<string, string> }[] = [];
let tokens = 0;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const listing = (page: { entities: { id: string }[] }, url: URL) => {
  const ids = url.searchParams.getAll('id');
  const entities = page.entities.filter((e) => ids.includes(e.id));
  return { ...page, entities, total: entities.length };
};

const stub = (async (input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(String(input));
  const headers = new Headers(init?.headers);
  seen.push({ method: init?.method ?? 'GET', url, headers, body: (init?.body as string) ?? null });
  const scripted = script.findIndex((s) => s.path === url.pathname);
  if (scripted >= 0) {
    const [s] = script.splice(scripted, 1);
    return json(s!.status, { message: 'scripted', status: s!.status }, s!.headers);
  }
  if (url.pathname === '/oauth/token') {
    tokens += 1;
    return json(200, { access_token: `token-${tokens}`, token_type: 'bearer', expires_in: 86_399 });
  }
  if (headers.get('authorization') !== `Bearer token-${tokens}`)
    return json(401, { message: 'Invalid login credentials.', code: 'bad.credentials', status: 401 });
  if (url.pathname === '/api/v2/routing/queues') return json(200, listing(QUEUES, url));
  if (url.pathname === '/api/v2/users') return json(200, listing(USERS, url));
  return json(404, { message: 'not found', status: 404 });
}) as typeof fetch;

const options = {
  apiBase: 'https://api.mypurecloud.de',
  clientId: 'client-id',
  clientSecret: 's3cret',
  retry: FAST_RETRY,
  fetch: stub,
};

beforeEach(() => {
  seen = [];
  script = [];
  tokens = 0;
});

const requests = () => seen.map((s) => `${s.method} ${s.url.origin}${s.url.pathname}`);

describe('Genesys routing API queue directory', () => {
  it('gets a client-credentials token, then lists the ids in one request', async () => {
    // Act
    const names = await genesysQueuesApiDirectory(options).names([CLAIMS, SUPPORT, DELETED]);

    // Assess
    expect([...names]).toEqual([
      [CLAIMS, 'Claims Intake'],
      [SUPPORT, 'Support Line'],
    ]);
    expect(requests()).toEqual([
      'POST https://login.mypurecloud.de/oauth/token',
      'GET https://api.mypurecloud.de/api/v2/routing/queues',
    ]);
    const [login, queues] = seen;
    expect(login!.headers.get('authorization')).toBe(
      `Basic ${Buffer.from('client-id:s3cret').toString('base64')}`,
    );
    expect(login!.body).toBe('grant_type=client_credentials');
    expect(queues!.headers.get('authorization')).toBe('Bearer token-1');
    expect(queues!.headers.get('accept')).toBe('application/json');
    expect(queues!.url.search).toBe(
      `?pageSize=${QUEUES_PER_REQUEST}&id=${CLAIMS}&id=${SUPPORT}&id=${DELETED}`,
    );
  });

  it('shares one token with the users directory built on the same client', async () => {
    // Prepare
    const client = genesysApiClient(options);

    // Act
    const agents = await genesysUsersApiDirectory(client).names([PRIYA]);
    const queues = await genesysQueuesApiDirectory(client).names([CLAIMS]);

    // Assess
    expect(agents.get(PRIYA)).toBe('Priya Natarajan');
    expect(queues.get(CLAIMS)).toBe('Claims Intake');
    expect(requests().map((r) => r.replace(/^\w+ https:\/\/[^/]+/, ''))).toEqual([
      '/oauth/token',
      '/api/v2/users',
      '/api/v2/routing/queues',
    ]);
    expect(seen[2]!.headers.get('authorization')).toBe('Bearer token-1');
  });

  it('asks once per queue for the life of the process, deleted queues included', async () => {
    // Prepare
    const d = genesysQueuesApiDirectory(options);
    await d.names([CLAIMS, DELETED]);

    // Act
    const again = await d.names([CLAIMS, SUPPORT, DELETED]);

    // Assess
    expect([...again.values()]).toEqual(['Claims Intake', 'Support Line']);
    const listings = seen.filter((s) => s.url.pathname === '/api/v2/routing/queues');
    expect(listings.map((s) => s.url.searchParams.getAll('id'))).toEqual([[CLAIMS, DELETED], [SUPPORT]]);
  });

  it('splits large lookups into requests of at most 100 ids', async () => {
    const ids = Array.from({ length: 205 }, (_, i) => `queue-${i}`);
    await genesysQueuesApiDirectory(options).names(ids);
    expect(
      seen
        .filter((s) => s.url.pathname === '/api/v2/routing/queues')
        .map((s) => s.url.searchParams.getAll('id').length),
    ).toEqual([100, 100, 5]);
  });

  it('retries throttling (429 with Retry-After) and server errors, and gets one fresh token after a 401', async () => {
    // Prepare
    script = [
      { path: '/api/v2/routing/queues', status: 429, headers: { 'retry-after': '0' } },
      { path: '/api/v2/routing/queues', status: 502 },
      { path: '/api/v2/routing/queues', status: 401 },
    ];

    // Act
    const names = await genesysQueuesApiDirectory(options).names([SUPPORT]);

    // Assess
    expect(names.get(SUPPORT)).toBe('Support Line');
    expect(requests().map((r) => r.replace(/^\w+ https:\/\/[^/]+/, ''))).toEqual([
      '/oauth/token',
      '/api/v2/routing/queues',
      '/api/v2/routing/queues',
      '/api/v2/routing/queues',
      '/oauth/token',
      '/api/v2/routing/queues',
    ]);
  });

  it('fails the lookup with a readable error when the client may not read queues', async () => {
    script = [{ path: '/api/v2/routing/queues', status: 403 }];
    await expect(genesysQueuesApiDirectory(options).names([CLAIMS])).rejects.toThrow(
      /GET \/api\/v2\/routing\/queues -> HTTP 403/,
    );
  });

  it('is configured like the users API; the queues export is read from the inbox by default', () => {
    const c = LambdaConfig.parse({
      DEBRIEF_BUCKET: 'bkt',
      DEBRIEF_TOPICS_ENDPOINT: 'none',
      DEBRIEF_SUMMARY_MODEL_ID: 'none',
      DEBRIEF_TOXICITY_REGION: 'none',
    });
    expect(c.DEBRIEF_GENESYS_QUEUES_KEY).toBe('inbox/genesys-queues.json');
  });
});

describe('the Lambdas wire the queue directory like the agent directory', () => {
  it('reads the queues export in the bucket first, then the routing API through the shared client', async () => {
    // Prepare
    const env = {
      DEBRIEF_BUCKET: 'bkt',
      DEBRIEF_TOPICS_ENDPOINT: 'none',
      DEBRIEF_SUMMARY_MODEL_ID: 'none',
      DEBRIEF_TOXICITY_REGION: 'none',
      DEBRIEF_GENESYS_API_BASE: 'https://api.euw2.pure.cloud',
      DEBRIEF_GENESYS_CLIENT_ID: 'id',
      DEBRIEF_GENESYS_CLIENT_SECRET_ARN:
        'arn:aws:secretsmanager:eu-west-2:111122223333:secret:genesys-AbCdEf',
      AWS_REGION: 'eu-west-2',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      // Act
      const { awsDeps } = await import('../../functions/aws-deps.js');
      const deps = awsDeps();

      // Assess
      expect(deps.queueDirectory?.source).toBe(
        'queues file inbox/genesys-queues.json + Genesys routing API https://api.euw2.pure.cloud',
      );
      expect(deps.agentDirectory?.source).toBe(
        'users file inbox/genesys-users.json + Genesys users API https://api.euw2.pure.cloud',
      );
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
