import type { NgramModel } from '../../adapters/local/speech/language-model/ngram-model.js';
import { NgramScorer } from '../../adapters/local/speech/language-model/ngram-model.js';

/** Σ_w p(w | history) over the model's vocabulary (`<s>` is never predicted). */
export const massAfter = (model: NgramModel, history: readonly string[]): number => {
  const scorer = new NgramScorer(model);
  const h = history.map((w) => scorer.ids.get(w)!);
  let sum = 0;
  for (let w = 0; w < model.words.length; w++) {
    if (model.words[w] === '<s>') continue;
    sum += 10 ** scorer.logProb(w, h);
  }
  return sum;
};

export const prob = (model: NgramModel, word: string, history: readonly string[]): number => {
  const scorer = new NgramScorer(model);
  return (
    10 **
    scorer.logProb(
      scorer.ids.get(word)!,
      history.map((w) => scorer.ids.get(w)!),
    )
  );
};

/** Every history the model can condition on: all words and all explicit bigrams. */
export const histories = (model: NgramModel): string[][] => [
  ...model.words.filter((w) => w !== '</s>').map((w) => [w]),
  ...Array.from(model.bigrams.w1, (w1, i) => [model.words[w1]!, model.words[model.bigrams.w2[i]!]!]),
];
