// Module hooks for trace-imports.mjs (they run on Node's loader thread).
import { appendFileSync } from 'node:fs';

export async function load(url, context, nextLoad) {
  const out = process.env.DEBRIEF_TRACE_IMPORTS;
  if (out) appendFileSync(out, `${url}\n`);
  return nextLoad(url, context);
}
