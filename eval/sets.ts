import { existsSync, readFileSync } from 'node:fs';
import { type LabelledCall, parseLabelledCalls } from './labelled-calls.js';

/**
 * The evaluation sets (eval/README.md): `frozen` and `holdout` are for reporting only (their
 * misses are never listed), `dev` to `dev8` for tuning (`dev8` was an unseen check of the eleventh
 * round and is tuning material since the twelfth; `dev9`, the twelfth round's unseen check, since
 * the thirteenth; `dev10`, the thirteenth round's unseen check written before the fourteenth round
 * changed any engine, since the fourteenth; `dev11`, the fourteenth round's unseen check, scored
 * twice unseen, since the fifteenth; `dev12`, the fifteenth round's unseen check, scored twice
 * unseen, since the sixteenth; `dev13`, the sixteenth round's unseen check, scored twice unseen,
 * since the seventeenth; `dev14`, the seventeenth round's unseen check, scored three times unseen,
 * since the eighteenth; `dev15`, the eighteenth round's unseen check, scored three times unseen,
 * since the nineteenth; `dev16`, the nineteenth round's unseen check, scored three times unseen,
 * since the twentieth; `dev17`, the nineteenth round's second unseen check, scored three times
 * unseen, since the twenty-first; `dev18`, the twentieth round's unseen check, scored three times
 * unseen, since the twenty-second; `dev19`, the twenty-first round's unseen check, scored three times
 * unseen, since the twenty-third; `dev20`, the twenty-second round's unseen check, scored three
 * times unseen, since the twenty-fourth; `dev21`, the twenty-third round's unseen check, scored three
 * times unseen, since the twenty-fifth; `dev22`, the twenty-fourth round's unseen check, scored three
 * times unseen, since the twenty-sixth; `dev23`, the twenty-sixth round's unseen check, scored three
 * times unseen, since the twenty-seventh; `dev24`, the twenty-seventh round's unseen check, scored four
 * times unseen, since the twenty-eighth; `dev25`, the twenty-eighth round's unseen check, scored four
 * times unseen, since the twenty-ninth; `dev26`, the twenty-ninth round's unseen check, scored three
 * times unseen, since the thirtieth; `dev27`, the thirtieth round's unseen check, scored three
 * times unseen, since the thirty-first; `dev28`, the thirty-second round's unseen check, scored three
 * times unseen, since the thirty-third; `dev29`, the thirty-third round's unseen check, scored three
 * times unseen, since the thirty-fourth; `dev30`, the thirty-fourth round's unseen check, scored three
 * times unseen, since the thirty-fifth; `dev31`, the thirty-fifth round's unseen check, scored twice
 * unseen, since the thirty-sixth; `dev32`, the thirty-sixth round's unseen check, scored three times
 * unseen, since the thirty-seventh; `dev33`, the thirty-seventh round's unseen check, scored three
 * times unseen, since the thirty-eighth; `dev34`, the thirty-eighth round's unseen check, scored three
 * times unseen, since the thirty-ninth; `dev35`, the thirty-ninth round's unseen check, scored three
 * times unseen, since the fortieth; `dev36`, the fortieth round's unseen check, scored three
 * times unseen, since the forty-first; `dev37`, the forty-first round's unseen check, scored three
 * times unseen, since the forty-second; `dev38`, the forty-second round's unseen check, scored three
 * times unseen, since the forty-third; `dev39`, the forty-third round's unseen check, scored three
 * times unseen, since the forty-fourth; `dev40`, the forty-fourth round's unseen check, scored three
 * times unseen, since the forty-fifth; `dev41`, the forty-fifth round's unseen check, scored three
 * times unseen, since the forty-sixth; `dev42`, the forty-sixth round's unseen check, scored three
 * times unseen, since the forty-seventh; `dev43`, the forty-seventh round's unseen check, scored three
 * times unseen, since the forty-eighth; `dev44`, the forty-eighth round's unseen check, scored three
 * times unseen, since the forty-ninth; `dev45`, the forty-ninth round's unseen check, scored three
 * times unseen, since the fiftieth; `dev46`, the fiftieth round's unseen check, scored three
 * times unseen, since the fifty-first; `dev47`, the fifty-first round's unseen check, scored three
 * times unseen, since the fifty-second; `dev48`, the fifty-second round's unseen check, scored three
 * times unseen, since the fifty-third; `dev49`, the fifty-third round's unseen check, scored three
 * times unseen, since the fifty-fourth; `dev50`, the fifty-fourth round's unseen check, scored three
 * times unseen, since the fifty-fifth); `dev51` is a dev set that is not (yet) training data, the
 * fifty-fifth round's unseen check: it is not in `DEV_SETS`. `tox-a` and `tox-b` are the two halves, by writing
 * order, of a toxicity development set (short exchanges, no topic): the toxicity rules are tuned on
 * `tox-a`, `tox-b` was reported only until the twelfth round tuned on it too (as on dev8's toxic
 * turns); `tox-c` was written after the last rule change and
 * scored once. None is training data.
 */
export const EVAL_SETS = {
  frozen: new URL('./frozen/calls.txt', import.meta.url).pathname,
  holdout: new URL('./holdout/calls.txt', import.meta.url).pathname,
  dev: new URL('./dev/calls.txt', import.meta.url).pathname,
  dev2: new URL('./dev2/calls.txt', import.meta.url).pathname,
  dev3: new URL('./dev3/calls.txt', import.meta.url).pathname,
  dev4: new URL('./dev4/calls.txt', import.meta.url).pathname,
  dev5: new URL('./dev5/calls.txt', import.meta.url).pathname,
  dev6: new URL('./dev6/calls.txt', import.meta.url).pathname,
  dev7: new URL('./dev7/calls.txt', import.meta.url).pathname,
  dev8: new URL('./dev8/calls.txt', import.meta.url).pathname,
  dev9: new URL('./dev9/calls.txt', import.meta.url).pathname,
  dev10: new URL('./dev10/calls.txt', import.meta.url).pathname,
  dev11: new URL('./dev11/calls.txt', import.meta.url).pathname,
  dev12: new URL('./dev12/calls.txt', import.meta.url).pathname,
  dev13: new URL('./dev13/calls.txt', import.meta.url).pathname,
  dev14: new URL('./dev14/calls.txt', import.meta.url).pathname,
  dev15: new URL('./dev15/calls.txt', import.meta.url).pathname,
  dev16: new URL('./dev16/calls.txt', import.meta.url).pathname,
  dev17: new URL('./dev17/calls.txt', import.meta.url).pathname,
  dev18: new URL('./dev18/calls.txt', import.meta.url).pathname,
  dev19: new URL('./dev19/calls.txt', import.meta.url).pathname,
  dev20: new URL('./dev20/calls.txt', import.meta.url).pathname,
  dev21: new URL('./dev21/calls.txt', import.meta.url).pathname,
  dev22: new URL('./dev22/calls.txt', import.meta.url).pathname,
  dev23: new URL('./dev23/calls.txt', import.meta.url).pathname,
  dev24: new URL('./dev24/calls.txt', import.meta.url).pathname,
  dev25: new URL('./dev25/calls.txt', import.meta.url).pathname,
  dev26: new URL('./dev26/calls.txt', import.meta.url).pathname,
  dev27: new URL('./dev27/calls.txt', import.meta.url).pathname,
  dev28: new URL('./dev28/calls.txt', import.meta.url).pathname,
  dev29: new URL('./dev29/calls.txt', import.meta.url).pathname,
  dev30: new URL('./dev30/calls.txt', import.meta.url).pathname,
  dev31: new URL('./dev31/calls.txt', import.meta.url).pathname,
  dev32: new URL('./dev32/calls.txt', import.meta.url).pathname,
  dev33: new URL('./dev33/calls.txt', import.meta.url).pathname,
  dev34: new URL('./dev34/calls.txt', import.meta.url).pathname,
  dev35: new URL('./dev35/calls.txt', import.meta.url).pathname,
  dev36: new URL('./dev36/calls.txt', import.meta.url).pathname,
  dev37: new URL('./dev37/calls.txt', import.meta.url).pathname,
  dev38: new URL('./dev38/calls.txt', import.meta.url).pathname,
  dev39: new URL('./dev39/calls.txt', import.meta.url).pathname,
  dev40: new URL('./dev40/calls.txt', import.meta.url).pathname,
  dev41: new URL('./dev41/calls.txt', import.meta.url).pathname,
  dev42: new URL('./dev42/calls.txt', import.meta.url).pathname,
  dev43: new URL('./dev43/calls.txt', import.meta.url).pathname,
  dev44: new URL('./dev44/calls.txt', import.meta.url).pathname,
  dev45: new URL('./dev45/calls.txt', import.meta.url).pathname,
  dev46: new URL('./dev46/calls.txt', import.meta.url).pathname,
  dev47: new URL('./dev47/calls.txt', import.meta.url).pathname,
  dev48: new URL('./dev48/calls.txt', import.meta.url).pathname,
  dev49: new URL('./dev49/calls.txt', import.meta.url).pathname,
  dev50: new URL('./dev50/calls.txt', import.meta.url).pathname,
  dev51: new URL('./dev51/calls.txt', import.meta.url).pathname,
  'tox-a': new URL('./tox-a/calls.txt', import.meta.url).pathname,
  'tox-b': new URL('./tox-b/calls.txt', import.meta.url).pathname,
  'tox-c': new URL('./tox-c/calls.txt', import.meta.url).pathname,
} as const;
export type EvalSetName = keyof typeof EVAL_SETS;

export const readLabelledCalls = (path: string): LabelledCall[] =>
  parseLabelledCalls(readFileSync(path, 'utf8'), path);

export const readEvalSet = (name: EvalSetName): LabelledCall[] => readLabelledCalls(EVAL_SETS[name]);

/**
 * The sets that may be trained on: the default topic model learns from their calls
 * (config/topic-calls.json). dev8, written as an unseen check of the eleventh round, joined them in
 * the twelfth; dev9, the twelfth round's unseen check, in the thirteenth; dev10, scored once unseen on
 * the thirteenth round's engines, in the fourteenth; dev11, scored unseen on the thirteenth and the
 * fourteenth round's engines, in the fifteenth; dev12, scored unseen on the fourteenth and the
 * fifteenth round's engines, in the sixteenth; dev13, scored unseen on the fifteenth and the
 * sixteenth round's engines, in the seventeenth; dev14, scored unseen on the fifteenth, sixteenth and
 * seventeenth round's engines, in the eighteenth; dev15, scored unseen on the sixteenth, seventeenth
 * and eighteenth round's engines, in the nineteenth; dev16, scored unseen on the seventeenth, eighteenth
 * and nineteenth round's engines, in the twentieth; dev17, scored unseen on the eighteenth, nineteenth
 * and twentieth round's engines, in the twenty-first; dev18, scored unseen on the nineteenth, twentieth
 * and twenty-first round's engines, in the twenty-second; dev19, scored unseen on the twentieth, twenty-first
 * and twenty-second round's engines, in the twenty-third; dev20, scored unseen on the twenty-first, twenty-second
 * and twenty-third round's engines, in the twenty-fourth; dev21, scored unseen on the twenty-second, twenty-third
 * and twenty-fourth round's engines, in the twenty-fifth; dev22, scored unseen on the twenty-fourth (twice) and
 * twenty-fifth round's engines, in the twenty-sixth; dev23, scored unseen on the twenty-fifth and twenty-sixth
 * round's engines (the second and third time on the same ones), in the twenty-seventh; dev24, scored unseen on the
 * twenty-sixth round's engines and three times on the twenty-seventh's (the last two the same), in the twenty-eighth;
 * dev25, scored unseen on the twenty-seventh round's engines, twice on the twenty-eighth's and once more on them
 * at the twenty-ninth's start (the last two the same), in the twenty-ninth; dev26, scored unseen twice on the
 * twenty-ninth round's engines and once more on them at the thirtieth's start (the last two the same), in the thirtieth; dev27, scored unseen on the
 * thirtieth round's engines before and after its change and once more at the thirty-first's start (the last two the same), in the thirty-first; dev28, scored unseen
 * at the thirty-second round's start and end and once more at the thirty-third's start (all three the same), in the thirty-third; dev29, scored unseen
 * before and after the thirty-third round's change and once more at the thirty-fourth's start (the last two the same), in the thirty-fourth; dev30, scored unseen
 * at the thirty-fourth round's start and end and once more at the thirty-fifth's start, in the thirty-fifth; dev31,
 * scored unseen at the thirty-fifth round's start and end (no engine changed before the thirty-sixth's start), in the thirty-sixth; dev32,
 * scored unseen at the thirty-sixth round's start and end and once more at the thirty-seventh's start (all three the same), in the thirty-seventh; dev33,
 * scored unseen at the thirty-seventh round's start and end and once more at the thirty-eighth's start (the last two the same), in the thirty-eighth; dev34,
 * scored unseen at the thirty-eighth round's start and end and once more at the thirty-ninth's start (the last two the same), in the thirty-ninth; dev35,
 * scored unseen at the thirty-ninth round's start and end and once more at the fortieth's start (all three the same), in the fortieth; dev36,
 * scored unseen at the fortieth round's start and end and once more at the forty-first's start (all three the same), in the forty-first; dev37,
 * scored unseen at the forty-first round's start and end and once more at the forty-second's start (all three the same), in the forty-second; dev38,
 * scored unseen at the forty-second round's start and end and once more at the forty-third's start (all three the same), in the forty-third; dev39,
 * scored unseen at the forty-third round's start and end and once more at the forty-fourth's start (all three the same), in the forty-fourth; dev40,
 * scored unseen at the forty-fourth round's start and end and once more at the forty-fifth's start (all three the same), in the forty-fifth; dev41,
 * scored unseen at the forty-fifth round's start and end and once more at the forty-sixth's start (all three the same), in the forty-sixth; dev42,
 * scored unseen at the forty-sixth round's start and end and once more at the forty-seventh's start (all three the same), in the forty-seventh; dev43,
 * scored unseen at the forty-seventh round's start and end and once more at the forty-eighth's start (all three the same), in the forty-eighth; dev44,
 * scored unseen at the forty-eighth round's start and end and once more at the forty-ninth's start (all three the same), in the forty-ninth; dev45,
 * scored unseen at the forty-ninth round's start and end and once more at the fiftieth's start (all three the same), in the fiftieth; dev46,
 * scored unseen at the fiftieth round's start and end and once more at the fifty-first's start (all three the same), in the fifty-first; dev47,
 * scored unseen at the fifty-first round's start and end and once more at the fifty-second's start (all three the same), in the fifty-second; dev48,
 * scored unseen at the fifty-second round's start and end and once more at the fifty-third's start (all three the same), in the fifty-third; dev49,
 * scored unseen at the fifty-third round's start and end and once more at the fifty-fourth's start (all three the same), in the fifty-fourth; dev50,
 * scored unseen at the fifty-fourth round's start and end and once more at the fifty-fifth's start (all three the same), in the fifty-fifth.
 * dev51 is not among them: it was written as the fifty-fifth round's unseen check.
 */
export const DEV_SETS = [
  'dev',
  'dev2',
  'dev3',
  'dev4',
  'dev5',
  'dev6',
  'dev7',
  'dev8',
  'dev9',
  'dev10',
  'dev11',
  'dev12',
  'dev13',
  'dev14',
  'dev15',
  'dev16',
  'dev17',
  'dev18',
  'dev19',
  'dev20',
  'dev21',
  'dev22',
  'dev23',
  'dev24',
  'dev25',
  'dev26',
  'dev27',
  'dev28',
  'dev29',
  'dev30',
  'dev31',
  'dev32',
  'dev33',
  'dev34',
  'dev35',
  'dev36',
  'dev37',
  'dev38',
  'dev39',
  'dev40',
  'dev41',
  'dev42',
  'dev43',
  'dev44',
  'dev45',
  'dev46',
  'dev47',
  'dev48',
  'dev49',
  'dev50',
] as const satisfies readonly EvalSetName[];

/** Every dev set's calls, in set order, as labelled turns (topic null: about none of the topics). */
export const devSetCalls = (
  names: readonly EvalSetName[] = DEV_SETS,
): { topic: string | null; turns: { role: LabelledCall['turns'][number]['role']; text: string }[] }[] =>
  names.flatMap((name) =>
    readEvalSet(name).map((c) => ({
      topic: c.topic,
      turns: c.turns.map((t) => ({ role: t.role, text: t.text })),
    })),
  );

/**
 * Every dev set's topical calls with what the intents learn from (core/enrich/intents.ts,
 * intentAnswerLessons): the reference reason and the intent label where the set has labels
 * (undefined where it has none).
 */
export const devSetIntentCalls = (
  names: readonly EvalSetName[] = DEV_SETS,
): {
  topic: string | null;
  reason: string;
  intent: string | null | undefined;
  turns: { role: LabelledCall['turns'][number]['role']; text: string }[];
}[] =>
  names.flatMap((name) => {
    const labels = readIntentLabels(name);
    return readEvalSet(name).map((c) => ({
      topic: c.topic,
      reason: c.reason,
      intent: labels?.get(c.id),
      turns: c.turns.map((t) => ({ role: t.role, text: t.text })),
    }));
  });

/**
 * A set's intent labels (`<set>/intents.csv`: `call_id,intent`, `-` where no intent of the
 * reference topic fits, `#` comments), or null when the set has none.
 */
export const readIntentLabels = (name: EvalSetName): Map<string, string | null> | null => {
  const path = EVAL_SETS[name].replace(/calls\.txt$/u, 'intents.csv');
  if (!existsSync(path)) return null;
  return new Map(
    readFileSync(path, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => {
        const [id, intent] = line.split(',').map((s) => s.trim());
        if (id === undefined || intent === undefined || intent === '')
          throw new Error(`${path}: bad line ${line}`);
        return [id, intent === '-' ? null : intent] as const;
      }),
  );
};
