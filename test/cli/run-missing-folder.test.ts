import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDrop } from '../../cli/commands/run.js';
import { tempDir } from '../helpers/paths.js';

describe('debrief run of a folder that does not exist', () => {
  it('stops saying which folder to give, and makes no home (found by trial11: `debrief run` outside the repo left an empty .debrief/)', async () => {
    // Prepare: a home that does not exist yet, and no drop folder
    const home = join(tempDir('run-nofolder'), '.debrief');
    const dir = join(tempDir('run-nofolder-cwd'), 'samples');
    const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
    // Act, Assess
    await expect(runDrop({ dir, home, err: quiet, out: quiet })).rejects.toThrow(
      `drop folder ${dir} does not exist; give the folder to run: npx debrief run <folder>`,
    );
    expect(existsSync(home)).toBe(false);
  });
});
