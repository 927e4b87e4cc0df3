import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { dropOutputOnClosedPipe } from '../../cli/debrief.js';
import { REPO, tempDir } from '../helpers/paths.js';

/** A stream whose writes fail with `code`, as a pipe whose reader went away fails with EPIPE. */
const failingStream = (code: string) =>
  new Writable({
    write(_chunk, _encoding, done) {
      done(Object.assign(new Error(`write ${code}`), { code }));
    },
  });

/** The uncaught exception a stream's 'error' handler threw (null when none did). */
const thrownBy = (stream: Writable, text: string): Promise<Error | null> =>
  new Promise((resolve) => {
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    const restore = (result: Error | null) => {
      process.removeAllListeners('uncaughtException');
      for (const l of listeners) process.on('uncaughtException', l);
      resolve(result);
    };
    process.once('uncaughtException', (error) => restore(error));
    stream.write(text);
    stream.write(text);
    setTimeout(() => restore(null), 100);
  });

describe('output into a pipe whose reader went away (found by helper-214: `debrief query … | head` printed a stack trace and exited 1)', () => {
  it('drops the output on EPIPE, and still throws any other write error', async () => {
    // Prepare
    const closed = failingStream('EPIPE');
    const full = failingStream('ENOSPC');
    dropOutputOnClosedPipe(closed);
    dropOutputOnClosedPipe(full);
    // Act
    const onClosed = await thrownBy(closed, 'a row\n');
    const onFull = await thrownBy(full, 'a row\n');
    // Assess
    expect(onClosed).toBeNull();
    expect(onFull?.message).toBe('write ENOSPC');
  });

  it('`debrief query` whose reader stops after the first lines exits 0, with no stack trace', async () => {
    // Prepare: a home with nothing processed yet; a query with far more rows than a pipe holds
    const home = join(tempDir('closed-pipe'), 'home');
    mkdirSync(home, { recursive: true });
    const child = spawn(
      process.execPath,
      [join(REPO, 'bin/debrief.mjs'), 'query', 'select * from range(200000) t(n)', '--csv', '--home', home],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Act: read the first chunk, then go away (as `head` does)
    const first = await new Promise<string>((resolve) =>
      child.stdout.once('data', (c: Buffer) => resolve(c.toString())),
    );
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    // Assess
    expect(first.split('\n')[0]).toBe('n');
    expect(stderr).not.toMatch(/EPIPE|Unhandled 'error' event/);
    expect(code).toBe(0);
  }, 60_000);
});
