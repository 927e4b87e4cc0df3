import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveCommand } from '../../cli/commands/serve.js';
import { tempDir } from '../helpers/paths.js';

const sink = () => {
  const lines: string[] = [];
  return { lines, stream: { write: (s: string) => lines.push(s) > 0 } as unknown as NodeJS.WritableStream };
};

describe('debrief serve', () => {
  it('says so when the home does not exist (found by trial11: a mistyped --home served an empty dashboard without a word) or is a folder that is not a home', async () => {
    // Prepare: a home that does not exist, one that does, and a folder that is not a home (a drop folder)
    const missing = join(tempDir('serve-nohome'), 'typo');
    const existing = tempDir('serve-home');
    const drop = tempDir('serve-drop');
    writeFileSync(join(drop, 'call-1.wav'), '');
    for (const [home, noted] of [
      [missing, true],
      [existing, false],
      [drop, true],
    ] as const) {
      const out = sink();
      const err = sink();
      // Act
      const server = await serveCommand({ home, port: 0, out: out.stream, err: err.stream });
      await server.close();
      // Assess
      expect(out.lines.join('')).toMatch(/^workbench: http:\/\/127\.0\.0\.1:\d+\//);
      if (noted)
        expect(err.lines.join('')).toBe(
          home === missing
            ? `note: no debrief home at ${missing} yet: the workbench shows no calls until a run writes there (npx debrief run <folder> --home ${missing}), or pass the --home a run used\n`
            : `note: no debrief home at ${drop}: the folder holds 1 entry and none a home has (lake/, state/, results/…); it holds 1 call's files, a drop folder: process them with npx debrief run ${drop}, then pass the --home that run used (default .debrief)\n`,
        );
      else expect(err.lines).toEqual([]);
    }
  });
});
