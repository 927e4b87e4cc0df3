/**
 * Writes synthetic calls: drop files into --out, ground truth into --truth.
 *   npm run samples                                    # the bundled showcase: samples/ + samples-truth/
 *   npm run samples -- --seed 7 --count 200 --mode varied --out /tmp/drop --truth /tmp/truth
 *   npm run samples -- --count 1 --turns 150 --mode varied --out /tmp/long --truth /tmp/long-truth
 */
import { parseArgs } from 'node:util';
import { generateCalls, writeDrop } from '../generator/index.js';
import { buildShowcaseDrop } from '../generator/showcase-drop.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '42' },
    count: { type: 'string', default: '6' },
    out: { type: 'string', default: 'samples' },
    truth: { type: 'string', default: 'samples-truth' },
    /** showcase: the six curated scenarios first, then varied calls; varied: all drawn. */
    mode: { type: 'string', default: 'showcase' },
    turns: { type: 'string' },
    redact: { type: 'string' },
  },
  strict: true,
});

const integer = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer, got ${text}`);
  return n;
};

const seed = integer('seed', values.seed);
const count = integer('count', values.count);
if (values.mode !== 'showcase' && values.mode !== 'varied')
  throw new Error('--mode must be showcase or varied');
if (values.redact !== undefined && values.redact !== 'true' && values.redact !== 'false') {
  throw new Error('--redact must be true or false');
}
const overrides = {
  ...(values.turns === undefined ? {} : { turns: integer('turns', values.turns) }),
  ...(values.redact === undefined ? {} : { redact: values.redact === 'true' }),
};
if (values.mode === 'showcase' && Object.keys(overrides).length > 0) {
  throw new Error('--turns and --redact apply to --mode varied only (the showcase is fixed)');
}

const calls =
  values.mode === 'showcase' ? await buildShowcaseDrop(seed, count) : generateCalls(seed, count, overrides);
const written = await writeDrop(calls, values.out, values.truth);
console.log(
  `wrote ${calls.length} calls: ${written.dropFiles.length} files in ${values.out}, truth in ${values.truth}`,
);
