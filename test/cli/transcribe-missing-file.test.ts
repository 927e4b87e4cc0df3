import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transcribeCommand } from '../../cli/commands/transcribe.js';
import { tempDir } from '../helpers/paths.js';

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
const transcribe = (file: string) =>
  transcribeCommand({ file, json: false, agentChannel: 1, piiMode: 'default', err: quiet });

describe('debrief transcribe of a path that is no recording file', () => {
  it("names the path, not Node's ENOENT (found by trial11)", async () => {
    const dir = tempDir('transcribe-missing');
    const missing = join(dir, 'nope.wav');
    await expect(transcribe(missing)).rejects.toThrow(`transcribe: no such file: ${missing}`);
    await expect(transcribe(dir)).rejects.toThrow(`transcribe: ${dir} is not a file: give one recording`);
  });
});
