// `npm run bench`: prints figures, asserts nothing (machines are shared and noisy).
import { run as asr } from './asr.js';
import { run as mergeCtr } from './merge-ctr.js';
import { run as pipeline } from './pipeline.js';
import { run as redactPii } from './redact-pii.js';
import { run as speech } from './speech.js';
import { run as startup } from './startup.js';
import { run as workbench } from './workbench.js';

const benches: [string, () => Promise<void>][] = [
  ['merge-ctr', mergeCtr],
  ['pipeline', pipeline],
  ['startup', startup],
  ['redact-pii', redactPii],
  ['workbench', workbench],
  ['asr', asr],
  ['speech', speech],
];
const only = process.argv[2];
for (const [name, bench] of benches) {
  if (only && only !== name) continue;
  console.log(`\n== ${name}`);
  await bench();
}
