import { SingleBar } from 'cli-progress';
import {
  buildDomainModel,
  type DomainModel,
  type DomainModelOptions,
} from '../../adapters/local/speech/language-model/build-domain-model.js';

/**
 * A progress callback: a bar on a terminal, a line per quarter otherwise (CI logs), on stderr so
 * the tables on stdout stay clean.
 */
export const progressReporter = (
  label: string,
): { update: (done: number, total: number) => void; stop: () => void } => {
  const tty = Boolean(process.stderr.isTTY);
  const bar = tty
    ? new SingleBar({
        format: `${label.padEnd(34)} {bar} {percentage}% {value}/{total}`,
        hideCursor: true,
        stream: process.stderr,
      })
    : null;
  let started = false;
  let lastQuarter = -1;
  return {
    update: (done, total) => {
      if (bar) {
        if (!started) bar.start(total, done);
        else bar.setTotal(total);
        bar.update(done);
      } else {
        const quarter = total === 0 ? 4 : Math.floor((4 * done) / total);
        if (quarter !== lastQuarter) process.stderr.write(`${label}: ${done}/${total}\n`);
        lastQuarter = quarter;
      }
      started = true;
    },
    stop: () => bar?.stop(),
  };
};

/** Builds (or finds cached) the call-center model, showing each stage's progress. */
export const buildDomainModelShowingProgress = async (
  options: DomainModelOptions = {},
): Promise<DomainModel> => {
  const bars = new Map<string, ReturnType<typeof progressReporter>>();
  try {
    const model = await buildDomainModel({
      ...options,
      onProgress: (stage, done, total) => {
        for (const [name, bar] of bars) if (name !== stage) bar.stop();
        let bar = bars.get(stage);
        if (!bar) {
          bar = progressReporter(`domain LM: ${stage}`);
          bars.set(stage, bar);
        }
        bar.update(done, total);
      },
    });
    const r = model.report;
    process.stderr.write(
      `domain LM ${model.hash}${model.cached ? ' (cached)' : ''}: ${r.sentences} sentences, ${r.words} words, ` +
        `${r.vocabulary} word types (${r.newWords.length} new to en-US), mixed with weight ${r.domainWeight}; ` +
        `pronunciations added: ${r.pronunciations.added.map((a) => `${a.word}=${a.parts.join('+')}`).join(', ') || 'none'}; ` +
        `dropped: ${r.pronunciations.dropped.join(', ') || 'none'}\n`,
    );
    return model;
  } finally {
    for (const bar of bars.values()) bar.stop();
  }
};
