import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { genesysUsersApiDirectory, USERS_PER_REQUEST } from '../../adapters/genesys/users-api.js';
import { genesysApiSettings, LambdaConfig } from '../../functions/config.js';
import { FAST_RETRY } from '../helpers/aws.js';
import { FIXTURES } from '../helpers/paths.js';

// The Genesys login and API hosts, played by a server on 127.0.0.1 answering in the documented
// shapes (token: {access_token, token_type, expires_in}; users: UserEntityListing).
interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

const PAGE = JSON.parse(readFileSync(join(FIXTURES, 'genesys', 'users-api-page.json'), 'utf8'));
const USERS = new Map<string, Record<string, unknown>>(PAGE.entities.map((u: { id: string }) => [u.id, u]));
const PRIYA = '9c1e5b73-2a8d-4f60-b4c9-71e0d3f8a562';
const TOMAS = '8a2e6c0f-4b3d-4a95-97f1-e3c7b1d5a906';
const GRACE = '3f7b1d5a-9c2e-4e86-a0f4-b8d2c6e0a471';

let server: Server;
let base: string;
let seen: Seen[] = [];
/** Scripted answers for the next requests (status per path), then the normal behaviour. */
let script: { path: string; status: number; headers?: Record<string, string> }[] = [];
let tokens = 0;

const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
  const url = new URL(req.url ?? '/', base);
  seen.push({
    method: req.method ?? '',
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body,
  });
  const scripted = script.findIndex((s) => s.path === url.pathname);
  if (scripted >= 0) {
    const [s] = script.splice(scripted, 1);
    res.writeHead(s!.status, { 'content-type': 'application/json', ...s!.headers });
    res.end(JSON.stringify({ message: 'scripted', code: 'scripted', status: s!.status }));
    return;
  }
  if (url.pathname === '/oauth/token') {
    tokens += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ access_token: `token-${tokens}`, token_type: 'bearer', expires_in: 86_399 }));
    return;
  }
  if (url.pathname === '/api/v2/users') {
    if (req.headers.authorization !== `Bearer token-${tokens}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"message":"Invalid login credentials.","code":"bad.credentials","status":401}');
      return;
    }
    const ids = url.searchParams.getAll('id');
    const entities = ids.flatMap((id) => (USERS.has(id) ? [USERS.get(id)] : []));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...PAGE, entities, total: entities.length }));
    return;
  }
  res.writeHead(404).end();
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += String(c);
    });
    req.on('end', () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  script = [];
  tokens = 0;
});

const directory = (clientSecret: string | (() => Promise<string>) = 's3cret') =>
  genesysUsersApiDirectory({
    apiBase: base,
    loginBase: base,
    clientId: 'client-id',
    clientSecret,
    retry: FAST_RETRY,
  });

describe('Genesys users API directory', () => {
  it('gets a client-credentials token, then asks for the ids in bulk, any state', async () => {
    // Act
    const names = await directory().names([PRIYA, GRACE, 'no-such-user']);

    // Assess
    expect([...names]).toEqual([
      [PRIYA, 'Priya Natarajan'],
      [GRACE, 'Grace Liu'],
    ]);
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /oauth/token', 'GET /api/v2/users']);
    const [login, users] = seen;
    expect(login!.headers.authorization).toBe(`Basic ${Buffer.from('client-id:s3cret').toString('base64')}`);
    expect(login!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(login!.body).toBe('grant_type=client_credentials');
    expect(users!.headers.authorization).toBe('Bearer token-1');
    expect(users!.query.getAll('id')).toEqual([PRIYA, GRACE, 'no-such-user']);
    expect(users!.query.get('state')).toBe('any');
    expect(users!.query.get('pageSize')).toBe(String(USERS_PER_REQUEST));
  });

  it('reads the client secret on the first lookup when it comes from a secret store', async () => {
    // Prepare
    let reads = 0;
    const d = directory(async () => {
      reads += 1;
      return 'from-secrets-manager';
    });
    expect(reads).toBe(0);

    // Act
    await d.names([PRIYA]);

    // Assess
    expect(reads).toBe(1);
    expect(seen[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from('client-id:from-secrets-manager').toString('base64')}`,
    );
  });

  it('asks once per agent and token for the life of the process', async () => {
    // Prepare
    const d = directory();
    await d.names([PRIYA, 'no-such-user']);

    // Act
    const again = await d.names([PRIYA, TOMAS, 'no-such-user']);

    // Assess
    expect([...again.values()]).toEqual(['Priya Natarajan', 'Tomás Herrera']);
    expect(seen.map((s) => s.path)).toEqual(['/oauth/token', '/api/v2/users', '/api/v2/users']);
    expect(seen[2]!.query.getAll('id')).toEqual([TOMAS]);
  });

  it('splits large lookups into requests of at most 100 ids', async () => {
    const ids = Array.from({ length: 230 }, (_, i) => `user-${i}`);
    await directory().names(ids);
    expect(seen.filter((s) => s.path === '/api/v2/users').map((s) => s.query.getAll('id').length)).toEqual([
      100, 100, 30,
    ]);
  });

  it('retries throttling (429 with Retry-After) and server errors', async () => {
    // Prepare
    script = [
      { path: '/api/v2/users', status: 429, headers: { 'retry-after': '0' } },
      { path: '/api/v2/users', status: 503 },
    ];

    // Act
    const names = await directory().names([TOMAS]);

    // Assess
    expect(names.get(TOMAS)).toBe('Tomás Herrera');
    expect(seen.map((s) => s.path)).toEqual([
      '/oauth/token',
      '/api/v2/users',
      '/api/v2/users',
      '/api/v2/users',
    ]);
  });

  it('waits a Retry-After out in full (Genesys asks for 1-30 s), and gives up at once on one longer than a request may wait', async () => {
    // Prepare
    const slept: number[] = [];
    const patient = genesysUsersApiDirectory({
      apiBase: base,
      loginBase: base,
      clientId: 'client-id',
      clientSecret: 's3cret',
      retry: FAST_RETRY,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    script = [
      { path: '/api/v2/users', status: 429, headers: { 'retry-after': '20' } },
      { path: '/api/v2/users', status: 429, headers: { 'retry-after': '25' } },
    ];

    // Act
    const names = await patient.names([TOMAS]);

    // Assess: each wait as long as asked (it was capped at 4 s, so the retry came back too early)
    expect(names.get(TOMAS)).toBe('Tomás Herrera');
    expect(slept).toEqual([20_000, 25_000]);

    // Prepare: a wait longer than MergeCtr can afford
    slept.length = 0;
    script = [{ path: '/api/v2/users', status: 429, headers: { 'retry-after': '90' } }];

    // Act + Assess
    await expect(patient.names([PRIYA])).rejects.toThrow(
      /HTTP 429 .*Retry-After 90 s: longer than this request waits/,
    );
    expect(slept).toEqual([]);
  });

  it('gets one fresh token after a 401', async () => {
    // Prepare
    script = [{ path: '/api/v2/users', status: 401 }];

    // Act
    const names = await directory().names([TOMAS]);

    // Assess
    expect(names.get(TOMAS)).toBe('Tomás Herrera');
    expect(seen.map((s) => s.path)).toEqual([
      '/oauth/token',
      '/api/v2/users',
      '/oauth/token',
      '/api/v2/users',
    ]);
  });

  it('fails with a readable error when the credentials are refused', async () => {
    script = [{ path: '/oauth/token', status: 400 }];
    await expect(directory().names([TOMAS])).rejects.toThrow(/POST \/oauth\/token -> HTTP 400/);
  });

  it('derives the login host from the API host of the region', async () => {
    // Prepare
    const calls: string[] = [];
    const fakeFetch = (async (url: string) => {
      calls.push(url);
      return new Response(
        JSON.stringify(url.includes('/oauth/') ? { access_token: 't', expires_in: 60 } : { entities: [] }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    }) as typeof fetch;

    // Act
    await genesysUsersApiDirectory({
      apiBase: 'https://api.mypurecloud.ie',
      clientId: 'a',
      clientSecret: 'b',
      fetch: fakeFetch,
    }).names([TOMAS]);

    // Assess
    expect(calls.map((u) => new URL(u).origin)).toEqual([
      'https://login.mypurecloud.ie',
      'https://api.mypurecloud.ie',
    ]);
  });
});

describe('users API configuration of the Lambdas', () => {
  const env = {
    DEBRIEF_BUCKET: 'bkt',
    DEBRIEF_TOPICS_ENDPOINT: 'none',
    DEBRIEF_SUMMARY_MODEL_ID: 'none',
    DEBRIEF_TOXICITY_REGION: 'none',
  };

  it('is off unless configured, and reads the users export from the inbox by default', () => {
    const c = LambdaConfig.parse(env);
    expect(genesysApiSettings(c)).toBeNull();
    expect(c.DEBRIEF_GENESYS_USERS_KEY).toBe('inbox/genesys-users.json');
  });

  it('needs the API base, client id and secret together', () => {
    const all = {
      ...env,
      DEBRIEF_GENESYS_API_BASE: 'https://api.usw2.pure.cloud',
      DEBRIEF_GENESYS_CLIENT_ID: 'id',
      DEBRIEF_GENESYS_CLIENT_SECRET_ARN:
        'arn:aws:secretsmanager:us-west-2:111122223333:secret:genesys-client-AbCdEf',
    };
    expect(genesysApiSettings(LambdaConfig.parse(all))).toEqual({
      apiBase: 'https://api.usw2.pure.cloud',
      clientId: 'id',
      clientSecretArn: 'arn:aws:secretsmanager:us-west-2:111122223333:secret:genesys-client-AbCdEf',
    });
    const { DEBRIEF_GENESYS_CLIENT_SECRET_ARN: _secret, ...partial } = all;
    expect(() => genesysApiSettings(LambdaConfig.parse(partial))).toThrow(/set all three or none/);
  });
});
