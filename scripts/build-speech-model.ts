/**
 * Builds (or finds cached) the call-center language model the embedded recogniser decodes with,
 * printing progress: `debrief run` would build it on first use; tests and CI build it once,
 * up front, instead of inside several test processes at once.
 */
import { buildDomainModel } from '../adapters/local/speech/language-model/build-domain-model.js';

const started = Date.now();
let last = '';
const built = await buildDomainModel({
  onProgress: (stage, done, total) => {
    const line = `${stage} ${total > 1 ? `${Math.floor((100 * done) / total)}%` : done >= total ? 'done' : ''}`;
    if (line !== last && (done === 0 || done >= total || total <= 1))
      process.stderr.write(`speech model: ${line}\n`);
    last = line;
  },
});
process.stderr.write(
  `speech model: ${built.cached ? 'cached' : 'built'} (${built.hash.slice(0, 12)}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
);
