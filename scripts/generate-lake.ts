// `npm run generate:lake -- <home> [--calls N] [--days N] [--uncompacted N]`: a lake at scale
// (generator/lake-scale.ts) in <home>/lake, as `debrief run` + `debrief compact` leave it.
import { parseArgs } from 'node:util';
import { generateLakeAtScale } from '../generator/lake-scale.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    calls: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '365' },
    uncompacted: { type: 'string', default: '0' },
  },
});
const home = positionals[0];
if (!home) {
  console.error('usage: npm run generate:lake -- <home> [--calls N] [--days N] [--uncompacted N]');
  process.exit(2);
}
const summary = await generateLakeAtScale({
  home,
  calls: Number(values.calls),
  days: Number(values.days),
  uncompactedCalls: Number(values.uncompacted),
  onProgress: (m) => console.error(m),
});
console.log(
  `${summary.calls} calls, ${summary.turns} turns over ${summary.days} days: ${summary.files} files, ${(summary.bytes / 2 ** 20).toFixed(0)} MiB in ${summary.seconds.toFixed(1)} s -> ${home}/lake`,
);
