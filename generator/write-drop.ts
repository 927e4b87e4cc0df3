import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AudioDropCall } from './audio/audio-drop.js';
import type { GeneratedCall } from './generate-call.js';
import { genesysQueuesExport, QUEUES_EXPORT_FILE } from './queues-export.js';
import { genesysUsersExport, USERS_EXPORT_FILE } from './users-export.js';

/**
 * Writes each call's files into the drop folder and its truth (`<callId>.truth.json`) into a
 * separate folder. When a record leaves agents unnamed (as real exports do), the drop also gets
 * the Genesys users export that names them (`genesys-users.json`), as an admin would drop it.
 * Records name queues by id only, so a drop with any record also gets the queues export
 * (`genesys-queues.json`).
 */
export async function writeDrop(
  calls: readonly (GeneratedCall | AudioDropCall)[],
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
  if (calls.some((c) => c.truth.files.ctr !== null && !c.truth.scenario.agentNames)) {
    const path = join(dropDir, USERS_EXPORT_FILE);
    await writeFile(path, `${JSON.stringify(genesysUsersExport(), null, 2)}\n`);
    dropFiles.push(path);
  }
  if (calls.some((c) => c.truth.files.ctr !== null)) {
    const path = join(dropDir, QUEUES_EXPORT_FILE);
    await writeFile(path, `${JSON.stringify(genesysQueuesExport(), null, 2)}\n`);
    dropFiles.push(path);
  }
  return { dropFiles, truthFiles };
}
