import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { storeUsersDirectory } from '../../core/agents/store-directory.js';
import { agentLabel, chainDirectories, parseUsersExport } from '../../core/agents/users-export.js';
import { freshRuntime, putInbox } from '../helpers/local-runtime.js';
import { FIXTURES, tempDir } from '../helpers/paths.js';

const fixture = (name: string) => readFileSync(join(FIXTURES, 'genesys', name), 'utf8');
const TOMAS = '8a2e6c0f-4b3d-4a95-97f1-e3c7b1d5a906';

describe('users exports', () => {
  it('reads the API page, a plain list of users, a list of pages and CSV', () => {
    const page = JSON.parse(fixture('users-api-page.json'));
    expect(parseUsersExport(fixture('users-api-page.json'), 'u').get(TOMAS)).toBe('Tomás Herrera');
    expect(parseUsersExport(JSON.stringify(page.entities), 'u').size).toBe(3);
    expect(parseUsersExport(JSON.stringify([page, { entities: [] }]), 'u').size).toBe(3);
    expect(parseUsersExport(JSON.stringify({ results: page.entities }), 'u').size).toBe(3);
    expect(
      parseUsersExport(fixture('users-export.csv'), 'u').get('9c1e5b73-2a8d-4f60-b4c9-71e0d3f8a562'),
    ).toBe('Natarajan, Priya');
  });

  it('rejects files that are not a users export, saying why', () => {
    expect(() => parseUsersExport(fixture('chat.json'), 'chat.json')).toThrow(
      /users: chat\.json lists no user with both an id and a name/,
    );
    expect(() => parseUsersExport('Email,Title\na@b.c,Agent\n', 'x.csv')).toThrow(
      /needs an id column and a name column in its header \(found: Email, Title\)/,
    );
  });

  it('labels an agent by name, else by a short id', () => {
    expect(agentLabel(TOMAS, 'Tomás Herrera')).toBe('Tomás Herrera');
    expect(agentLabel(TOMAS, null)).toBe('agent 8a2e6c0f');
    expect(agentLabel('u-dana', null)).toBe('agent u-dana');
  });
});

describe('a users export in the bucket', () => {
  it('is read when names are asked for, re-read when it changes, and absent means no names', async () => {
    // Prepare
    const store = new FsObjectStore(tempDir('users-store'));
    const directory = storeUsersDirectory(store);

    // Act + Assess
    expect(await directory.names([TOMAS])).toEqual(new Map());
    await store.put('inbox/genesys-users.json', fixture('users-api-page.json'));
    expect((await directory.names([TOMAS])).get(TOMAS)).toBe('Tomás Herrera');
    await new Promise((r) => setTimeout(r, 20));
    await store.put('inbox/genesys-users.json', JSON.stringify([{ id: TOMAS, name: 'Tomás H.' }]));
    expect((await directory.names([TOMAS])).get(TOMAS)).toBe('Tomás H.');
  });

  it('falls through to the next directory for ids the first does not know', async () => {
    const first = { source: 'a', names: async () => new Map([['x', 'X']]) };
    const second = {
      source: 'b',
      names: async (ids: readonly string[]) => new Map(ids.map((i) => [i, i.toUpperCase()])),
    };
    const chained = chainDirectories([first, second]);
    expect([...(await chained.names(['x', 'y']))]).toEqual([
      ['x', 'X'],
      ['y', 'Y'],
    ]);
    expect(chained.source).toBe('a + b');
  });

  it('never costs a call when it is broken: agents keep their ids and the lineage says why', async () => {
    // Prepare
    const { runtime, runner } = freshRuntime();
    putInbox(runtime, {
      'c.tca.json': { copyFrom: join(FIXTURES, 'transcribe', 'batch-documented-quirks.json') },
      'c.ctr.json': { copyFrom: join(FIXTURES, 'genesys', 'not-responding-agent.json') },
      'genesys-users.json': '{"entities": [{"id": "no name here"}]}',
    });

    // Act
    const result = await runner.run({
      callId: 'c',
      keys: { transcript: 'inbox/c.tca.json', audio: null, ctr: 'inbox/c.ctr.json', recording: null },
    });

    // Assess
    expect(result.outcome).toBe('succeeded');
    const db = await DuckDbLake.open(runtime.lakeDir);
    try {
      expect(await db.query('select name, display_name from call_agents')).toEqual([
        { name: null, display_name: 'agent 8a2e6c0f' },
      ]);
      const [row] = await db.query('select lineage from calls');
      expect(JSON.parse(String(row?.lineage)).ctr.note).toMatch(
        /directory=users file .* failed: users: inbox\/genesys-users\.json lists no user/,
      );
    } finally {
      db.close();
    }
  });
});
