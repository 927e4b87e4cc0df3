import { describe, expect, it, vi } from 'vitest';
import { ExecutionLedger } from '../../adapters/local/execution-ledger.js';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { tempDir } from '../helpers/paths.js';

describe('ExecutionLedger claims', () => {
  it("keeps a call's first claim on a recording and writes nothing when the call claims it again (a reprocess)", async () => {
    // Prepare
    const store = new FsObjectStore(tempDir('ledger-home'));
    const ledger = new ExecutionLedger(store);
    const sha = 'a'.repeat(64);
    await ledger.claim(sha, 'call-1', '2026-01-01T00:00:00.000Z#first');
    const creates = vi.spyOn(store, 'putIfAbsent');
    const puts = vi.spyOn(store, 'put');
    // Act
    await ledger.claim(sha, 'call-1', '2026-02-01T00:00:00.000Z#second');
    await ledger.claim(sha, 'call-2', '2026-02-01T00:00:00.000Z#second');
    // Assess: the second claim of call-1 made no write; call-2's is new
    expect(creates.mock.calls.map((c) => c[0])).toEqual([`executions/recordings/${sha}/call-2.json`]);
    expect(puts).not.toHaveBeenCalled();
    expect(await ledger.claims(sha)).toEqual([
      { callId: 'call-1', firstRun: '2026-01-01T00:00:00.000Z#first' },
      { callId: 'call-2', firstRun: '2026-02-01T00:00:00.000Z#second' },
    ]);
  });
});
