import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { runDrop } from '../../cli/commands/run.js';
import { buildCallDocument } from '../../core/call-document.js';
import { mergeCtr } from '../../core/ctr/merge.js';
import { readSidecars } from '../../core/ctr/sidecars.js';
import { InvalidInputError } from '../../core/errors.js';
import { recogniseFormat } from '../../core/formats.js';
import { parseQueuesExport, queueLabel, storeQueuesDirectory } from '../../core/queues/queues-export.js';
import { recordQueueIds } from '../../core/steps/merge-ctr.js';
import { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';
import { freshRuntime, putInbox } from '../helpers/local-runtime.js';
import { FIXTURES, tempDir } from '../helpers/paths.js';

const fixture = (...path: string[]) => readFileSync(join(FIXTURES, ...path), 'utf8');
const CLAIMS = '5b1f9d3a-7e2c-4a86-b0d4-e9a3c7f1b528';
const SUPPORT = '9a4e2f71-c5d3-4b86-8e10-f7b3a2d6c954';
const PREMIUM = 'e07c3b95-2f4a-4d18-a6c2-3b5d7f9e1a24';

describe('queues exports', () => {
  it('reads the routing API page (QueueEntityListing), a plain list, a list of pages and CSV id,name', () => {
    const page = JSON.parse(fixture('genesys', 'queues-api-page.json'));
    expect([...parseQueuesExport(fixture('genesys', 'queues-api-page.json'), 'q.json')]).toEqual([
      [CLAIMS, 'Claims Intake'],
      [SUPPORT, 'Support Line'],
      [PREMIUM, 'Premium Accounts'],
    ]);
    expect(parseQueuesExport(JSON.stringify(page.entities), 'q').size).toBe(3);
    expect(parseQueuesExport(JSON.stringify([page, { entities: [] }]), 'q').size).toBe(3);
    // CSV: quoted names with commas; a queue without a name is skipped, not an error.
    expect([...parseQueuesExport(fixture('genesys', 'queues-export.csv'), 'q.csv')]).toEqual([
      [CLAIMS, 'Claims Intake'],
      [SUPPORT, 'Support Line, Tier 1'],
    ]);
    expect(parseQueuesExport('\uFEFFQueue ID,Queue Name\nq-1,Billing\n', 'q.csv').get('q-1')).toBe('Billing');
  });

  it('rejects a malformed file with a typed error naming it', () => {
    const error = (text: string, key: string) => {
      try {
        parseQueuesExport(text, key);
      } catch (e) {
        return e;
      }
      throw new Error('no error');
    };
    const broken = error('{"entities": [', 'drop/genesys-queues.json');
    expect(broken).toBeInstanceOf(InvalidInputError);
    expect((broken as InvalidInputError).file).toBe('queues');
    expect((broken as Error).message).toMatch(/^queues: drop\/genesys-queues\.json is not valid JSON/);
    expect((error(fixture('genesys', 'chat.json'), 'chat.json') as Error).message).toBe(
      'queues: chat.json lists no queue with both an id and a name',
    );
    // A .json file holding no JSON is named as broken JSON, not read as a CSV (found by trial11).
    expect((error('not json\n', 'drop/genesys-queues.json') as Error).message).toBe(
      'queues: drop/genesys-queues.json is not valid JSON (it does not start with { or [): a .json export holds the API response or a list of queues; save a CSV export as .csv',
    );
    expect((error('Queue,Members\nBilling,4\n', 'q.csv') as Error).message).toMatch(
      /^queues: q\.csv: a queues CSV needs an id column and a name column in its header \(found: Queue, Members\)$/,
    );
  });

  it('is recognised as a queues export (not a users export) when dropped as a call file', () => {
    expect(recogniseFormat(JSON.parse(fixture('genesys', 'queues-api-page.json')))).toBe('genesys-queues');
    expect(recogniseFormat(JSON.parse(fixture('genesys', 'queues-api-page.json')).entities)).toBe(
      'genesys-queues',
    );
    expect(recogniseFormat(JSON.parse(fixture('genesys', 'users-api-page.json')))).toBe('genesys-users');
  });

  it('labels a queue by name, else by its id (never blank)', () => {
    expect(queueLabel(CLAIMS, 'Claims Intake')).toBe('Claims Intake');
    expect(queueLabel(CLAIMS, null)).toBe(CLAIMS);
  });
});

describe('a queues export in the bucket', () => {
  it('is read when names are asked for, re-read when it changes (CSV too), and absent means no names', async () => {
    const store = new FsObjectStore(tempDir('queues-store'));
    const directory = storeQueuesDirectory(store);
    expect(await directory.names([CLAIMS])).toEqual(new Map());
    // The lineage names the one file read, or says none was there (not both names the file may have).
    expect(directory.source).toBe(
      'queues file none (no inbox/genesys-queues.json or inbox/genesys-queues.csv)',
    );
    await store.put('inbox/genesys-queues.json', fixture('genesys', 'queues-api-page.json'));
    expect([...(await directory.names([CLAIMS, 'q-unknown']))]).toEqual([[CLAIMS, 'Claims Intake']]);
    expect(directory.source).toBe('queues file inbox/genesys-queues.json');
    await new Promise((r) => setTimeout(r, 20));
    await store.put('inbox/genesys-queues.json', JSON.stringify([{ id: CLAIMS, name: 'Claims' }]));
    expect((await directory.names([CLAIMS])).get(CLAIMS)).toBe('Claims');
    await store.delete('inbox/genesys-queues.json');
    await store.put('inbox/genesys-queues.csv', fixture('genesys', 'queues-export.csv'));
    expect((await directory.names([SUPPORT])).get(SUPPORT)).toBe('Support Line, Tier 1');
    expect(directory.source).toBe('queues file inbox/genesys-queues.csv');
  });
});

describe('merging queue names into the journey', () => {
  const merge = (queueNames?: ReadonlyMap<string, string>) => {
    const transcript = TranscribeCallAnalyticsOutput.parse(
      JSON.parse(fixture('transcribe', 'batch-documented-quirks.json')),
    );
    const doc = buildCallDocument({
      callId: 'claims',
      transcript,
      sources: { transcript: 't', ctr: 'c', recording: null, audio: null },
      startedAt: null,
      fallbackDt: '2026-01-01',
    });
    const ctr = JSON.parse(fixture('genesys', 'not-responding-agent.json'));
    const sidecars = readSidecars({ key: 'c', json: ctr }, null, 'claims');
    return mergeCtr(
      doc,
      {
        ctr: sidecars.ctr,
        recording: null,
        queueNames,
        queueDirectoryNote: queueNames ? 'queues file q.json' : null,
      },
      { aniHashKey: 'k' },
    );
  };

  it('names the record queues beside their ids, one name per id, and says where from', () => {
    const merged = merge(new Map([[CLAIMS, 'Claims Intake']]));
    expect(merged.journey?.queueIds).toEqual([CLAIMS]);
    expect(merged.journey?.queueNames).toEqual(['Claims Intake']);
    expect(merged.lineage.ctr?.note).toMatch(
      /queueNames=1 queue\(s\) in the record, 1 named from the queue directory; queueDirectory=queues file q\.json/,
    );
  });

  it('keeps the ids with null names when no directory knows them', () => {
    const merged = merge();
    expect(merged.journey?.queueIds).toEqual([CLAIMS]);
    expect(merged.journey?.queueNames).toEqual([null]);
    expect(merged.lineage.ctr?.note).toMatch(/queueNames=1 queue\(s\) in the record, 0 named/);
  });

  it('asks the directory for every queue the record names', () => {
    const ctr = readSidecars(
      { key: 'c', json: JSON.parse(fixture('genesys', 'conversation-detail.json')) },
      null,
      'x',
    ).ctr!;
    expect(recordQueueIds(ctr)).toEqual(['q-billing', 'q-retention']);
  });
});

describe('queue names through the workflow', () => {
  const run = async (queuesFile: string) => {
    const { runtime, runner } = freshRuntime();
    putInbox(runtime, {
      'c.tca.json': { copyFrom: join(FIXTURES, 'transcribe', 'batch-documented-quirks.json') },
      'c.ctr.json': { copyFrom: join(FIXTURES, 'genesys', 'not-responding-agent.json') },
      'genesys-queues.json': queuesFile,
    });
    const result = await runner.run({
      callId: 'c',
      keys: { transcript: 'inbox/c.tca.json', audio: null, ctr: 'inbox/c.ctr.json', recording: null },
    });
    const db = await DuckDbLake.open(runtime.lakeDir);
    try {
      const [row] = await db.query(
        'select entry_queue, entry_queue_name, queue_ids, queue_names, lineage from calls',
      );
      const [stats] = await db.query('select queue, calls from queue_stats');
      return { outcome: result.outcome, row: row!, stats };
    } finally {
      db.close();
    }
  };

  it('lands the names in calls and queue_stats', async () => {
    const { outcome, row, stats } = await run(fixture('genesys', 'queues-api-page.json'));
    expect(outcome).toBe('succeeded');
    expect(row).toMatchObject({
      entry_queue: CLAIMS,
      entry_queue_name: 'Claims Intake',
      queue_ids: `["${CLAIMS}"]`,
      queue_names: '["Claims Intake"]',
    });
    expect(stats).toEqual({ queue: 'Claims Intake', calls: 1 });
    expect(JSON.parse(String(row.lineage)).ctr.note).toMatch(
      /queueDirectory=queues file inbox\/genesys-queues\.json(;|$)/,
    );
  });

  it('never costs a call when the export is broken: the queue keeps its id and the lineage says why', async () => {
    const { outcome, row, stats } = await run('{"entities": [{"id": "no name here"}]}');
    expect(outcome).toBe('succeeded');
    expect(row).toMatchObject({ entry_queue: CLAIMS, entry_queue_name: null, queue_names: '[null]' });
    expect(JSON.parse(String(row.lineage)).ctr.note).toMatch(
      /queueDirectory=queues file inbox\/genesys-queues\.json failed: queues: inbox\/genesys-queues\.json lists no queue/,
    );
    expect(stats).toEqual({ queue: CLAIMS, calls: 1 });
  });
});

describe('debrief run --queues', () => {
  const quiet = () => new PassThrough();

  it('installs the given export in the home (CSV replaces JSON), and a malformed one stops the run naming the file', async () => {
    // Prepare
    const drop = tempDir('queues-drop');
    const home = tempDir('queues-home');
    mkdirSync(drop, { recursive: true });
    // the exports outside the drop, in a folder of their own (not beside the drop: that is /tmp itself)
    const exports = tempDir('queues-exports');
    const json = join(exports, 'q.json');
    const csv = join(exports, 'q.csv');
    const bad = join(exports, 'bad.json');
    writeFileSync(json, fixture('genesys', 'queues-api-page.json'));
    writeFileSync(csv, fixture('genesys', 'queues-export.csv'));
    writeFileSync(bad, '{"entities": [{"id": "q-1", "name": "Billing"},');
    const err = new PassThrough();
    let said = '';
    err.on('data', (c) => {
      said += String(c);
    });

    // Act + Assess
    await runDrop({ dir: drop, home, queuesFile: json, err, out: quiet(), report: false });
    expect(said).toContain(`queue names: ${json} (3 queues)`);
    expect(existsSync(join(home, 'inbox', 'genesys-queues.json'))).toBe(true);
    await runDrop({ dir: drop, home, queuesFile: csv, err, out: quiet(), report: false });
    expect(existsSync(join(home, 'inbox', 'genesys-queues.json'))).toBe(false);
    expect(readFileSync(join(home, 'inbox', 'genesys-queues.csv'), 'utf8')).toBe(
      fixture('genesys', 'queues-export.csv'),
    );
    const failed = runDrop({ dir: drop, home, queuesFile: bad, err, out: quiet(), report: false });
    await expect(failed).rejects.toBeInstanceOf(InvalidInputError);
    await expect(failed).rejects.toThrow(`queues: ${bad} is not valid JSON`);
  });
});
