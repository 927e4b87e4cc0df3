/**
 * The soak test at full size (issue 11's acceptance): `npm run soak -- [--calls 2000] [--rounds 3] [--seed 1]`.
 * A small version runs in `npm test` (test/soak/soak.test.ts).
 */
import { parseArgs } from 'node:util';
import { renderTable } from '../cli/render-table.js';
import { tableNames } from '../schemas/tables.js';
import { runSoak } from './soak/soak.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    'transient-rate': { type: 'string', default: '0.01' },
  },
});
const result = await runSoak({
  calls: Number(values.calls),
  rounds: Number(values.rounds),
  seed: Number(values.seed),
  transientRate: Number(values['transient-rate']),
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(
  `${renderTable(
    ['dropped', 'processed', 'partial', 'quarantined', 'processed + partial + quarantined'],
    [
      [
        result.dropped,
        result.processed,
        result.partial,
        result.quarantined,
        result.processed + result.partial + result.quarantined,
      ],
    ],
  )}\n`,
);
process.stdout.write(
  `${renderTable(
    ['table', 'rows (views)', 'rows stored'],
    tableNames.map((t) => [t, result.counts[t], result.counts[`raw_${t}`]]),
  )}\n`,
);
process.stdout.write(
  `processes killed with SIGKILL: ${result.kills.length === 0 ? 'none' : result.kills.join('; ')}\n`,
);
process.stdout.write(`${result.seconds.toFixed(0)} s\n`);
if (result.violations.length > 0) {
  process.stdout.write(
    `VIOLATIONS (${result.violations.length}):\n${result.violations.slice(0, 50).join('\n')}\n`,
  );
  process.exitCode = 1;
} else process.stdout.write('every call exactly once in every table; tables agree with call_status\n');
