import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GeneratedCall } from './generate-call.js';

/** Writes each call's files into the drop folder and its truth (`<callId>.truth.json`) into a separate folder. */
export async function writeDrop(
  calls: readonly GeneratedCall[],
  dropDir: string,
  truthDir: string,
): Promise<{ dropFiles: string[]; truthFiles: string[] }> {
  await mkdir(dropDir, { recursive: true });
  await mkdir(truthDir, { recursive: true });
  const dropFiles: string[] = [];
  const truthFiles: string[] = [];
  for (const call of calls) {
    for (const file of call.files) {
      const path = join(dropDir, file.name);
      await writeFile(path, file.content);
      dropFiles.push(path);
    }
    const truthPath = join(truthDir, `${call.callId}.truth.json`);
    await writeFile(truthPath, `${JSON.stringify(call.truth, null, 2)}\n`);
    truthFiles.push(truthPath);
  }
  return { dropFiles, truthFiles };
}
