import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../adapters/local/topics/taxonomy-file.js';
import { shippedCallLessons } from '../../adapters/local/topics/topic-calls-file.js';
import { trainingFingerprint } from '../../core/enrich/topic-model.js';
import {
  type LabelledCall,
  LabelledCallFormatError,
  labelledCallDocument,
  parseLabelledCalls,
  reasonMatchesRequest,
} from '../../eval/labelled-calls.js';
import { DEV_SETS, EVAL_SETS, type EvalSetName, readEvalSet, readIntentLabels } from '../../eval/sets.js';
import * as conversation from '../../generator/content/conversation.js';
import * as prompts from '../../generator/content/prompts.js';
import * as remarks from '../../generator/content/remarks.js';
import { TOPIC_CONTENT } from '../../generator/content/topics.js';

/** The frozen set is for reporting only; changing it must be deliberate (eval/README.md). */
const FROZEN_SHA256 = '0061f5be60a33eb1980ef16d319e6d736bec65beea9a17b62f475a66bc055514';
/**
 * dev2 was written in one sitting before the third round of topic work changed any engine
 * (eval/README.md): pinned so that tuning cannot quietly edit the calls it is measured on.
 */
const DEV2_SHA256 = '98dce2ae256c26953e4d0fdf1af6545739b56b61e15b34ee3d9a83b204f34be1';
/** dev3, likewise, was written and committed before the fourth round changed any engine. */
const DEV3_SHA256 = '00afd38d8ad92855ebd94edb65bce9b82fe1c590a6e0e47f6b0f8ab77b29104a';
/** dev4, likewise, was written and committed before the fifth round changed any engine. */
const DEV4_SHA256 = '37e2795aa1baaa314d64422ab7118af2f015c4056e50ba995eeb9d7d9e128ff9';
/** dev5, likewise, was written and committed before the sixth round changed any engine. */
const DEV5_SHA256 = 'ada9ddf8c33fd8da9e6df7872cd0056010c1c77b1577843f6cbc3c7c06ed2df7';
/** dev6, likewise, was written and committed before the seventh round changed any engine. */
const DEV6_SHA256 = '73e75038060ea4ff450d4d52010e8793448b71d63067cd3fe51565dcf44fcc5d';
/** dev7, likewise, was written and committed before the eighth round changed any engine. */
const DEV7_SHA256 = '86f32b7993a189e0c466df090a22148628a288e1568912d55e81c303145de33f';
/**
 * dev8, likewise, was written and committed before the eleventh round changed any engine, as an
 * unseen check of that round; it is training data (in DEV_SETS) since the twelfth.
 */
const DEV8_SHA256 = '5b12b4b13d58e6cdec29351aab11e26e434600e3af525fd4564ab0b1d023bf59';
/**
 * dev9, likewise, was written and committed before the twelfth round changed any engine, as an
 * unseen check of that round; it is training data (in DEV_SETS) since the thirteenth.
 */
const DEV9_SHA256 = 'ec1b97f866718eccd225b07ae307f3f429f1fdd367c1071064be542ea0bd89c0';
/**
 * dev10, likewise, was written and committed before the fourteenth round changed any engine, as an
 * unseen check of that round (scored once on the thirteenth round's engines); it is training data
 * (in DEV_SETS) since the fourteenth.
 */
const DEV10_SHA256 = 'a5e2cc2a7d3ddd0f6be5be8e2ca64b0628fad2be159be6d85f12da12c2825767';
/**
 * dev11, likewise, was written and committed before the fourteenth round changed any engine, as a
 * second unseen check of that round (scored on the thirteenth and the fourteenth round's engines);
 * it is training data (in DEV_SETS) since the fifteenth.
 */
const DEV11_SHA256 = '8661af0e3fea7151363418169dfc244011e5d28b52945d18666a3080f9717844';
/**
 * dev12, likewise, was written and committed before the fifteenth round changed any engine, as that
 * round's unseen check (scored on the fourteenth and the fifteenth round's engines); it is training
 * data (in DEV_SETS) since the sixteenth.
 */
const DEV12_SHA256 = '1f27d984a5a9ac1dd485b960458775d4cb60dd3b23a6dca39fa501b8447842c6';
/**
 * dev13, likewise, was written and committed before the sixteenth round changed any engine, as that
 * round's unseen check (scored on the fifteenth and the sixteenth round's engines); it is training
 * data (in DEV_SETS) since the seventeenth.
 */
const DEV13_SHA256 = '85574e0a9220b47589dfb8cf0fa9860a7c8194787d857f51e91e72f250ac49d6';
/**
 * dev14, likewise, was written and committed before the seventeenth round changed any engine, as that
 * round's unseen check (scored on the fifteenth, sixteenth and seventeenth round's engines); it is
 * training data (in DEV_SETS) since the eighteenth.
 */
const DEV14_SHA256 = 'a7d946b878f1e75f00bbcb991fcc03e99654f338a897beb30fe1ee77102916ee';
/**
 * dev15, likewise, was written and committed before the eighteenth round changed any engine, as that
 * round's unseen check (scored on the sixteenth, seventeenth and eighteenth round's engines); it is
 * training data (in DEV_SETS) since the nineteenth.
 */
const DEV15_SHA256 = '8ebf64f08b076ba21a71f840d2ce1321ceb5af92b22b18e2f6b7112d227b3436';
/**
 * dev16, likewise, was written and committed before the nineteenth round changed any engine, as that
 * round's unseen check (scored on the seventeenth, eighteenth and nineteenth round's engines); it is
 * training data (in DEV_SETS) since the twentieth.
 */
const DEV16_SHA256 = 'd779553d7c469183a24eda236d5bc1c261f2f9ff685fee690c42f7cc232c3329';
/**
 * dev17, likewise, was written and committed before the nineteenth round changed any engine, as that
 * round's second unseen check (scored on the eighteenth, nineteenth and twentieth round's engines); it
 * is training data (in DEV_SETS) since the twenty-first.
 */
const DEV17_SHA256 = '5c7e2ec7ded35c5ef84833c955798552e07eceb2f4aadca8a9cb6244c8b44364';
/**
 * dev18 was written and committed before the twentieth round changed any engine, as that round's
 * unseen check (scored on the nineteenth, twentieth and twenty-first round's engines); it is
 * training data (in DEV_SETS) since the twenty-second.
 */
const DEV18_SHA256 = 'e476a2d5d54f9b631b3c95438a273e88dde34f1b1e598af2dc9d8c26a30abce4';
/**
 * dev19 was written and committed before the twenty-first round changed any engine, as that round's
 * unseen check (scored on the twentieth, twenty-first and twenty-second round's engines); it is
 * training data (in DEV_SETS) since the twenty-third.
 */
const DEV19_SHA256 = '0edd872b771ac9e2b272727cc0e2e2bf33e4e7e89ad70f5293052495922f3ea4';
/**
 * dev20 was written and committed before the twenty-second round changed any engine, as that round's
 * unseen check (scored on the twenty-first, twenty-second and twenty-third round's engines); it is
 * training data (in DEV_SETS) since the twenty-fourth.
 */
const DEV20_SHA256 = 'a5864f2cc1abaf1162c48880770b515804442767c26fdd5debe37706d9dd50c2';
/**
 * dev21 was written and committed before the twenty-third round changed any engine, as that round's
 * unseen check (scored on the twenty-second, twenty-third and twenty-fourth round's engines); it is
 * training data (in DEV_SETS) since the twenty-fifth.
 */
const DEV21_SHA256 = '0cdbc6117349e23cfd041a525ff93310f6ff9f80194a882021236f00c716c163';
/**
 * dev22 was written and committed before the twenty-fourth round changed any engine, as that round's
 * unseen check (scored on the twenty-fourth round's engines twice and on the twenty-fifth's); it is
 * training data (in DEV_SETS) since the twenty-sixth.
 */
const DEV22_SHA256 = '66fb8fb24a300ffecaf715f199a80054f7c72fb3d2b5b0875d1bd1ff5a027f86';
/**
 * dev23 was written and committed before the twenty-sixth round changed any engine, as that round's
 * unseen check (scored on the twenty-fifth round's engines, then twice on the twenty-sixth's); it is
 * training data (in DEV_SETS) since the twenty-seventh.
 */
const DEV23_SHA256 = '0d6451c624dd1c9aaf2432a4840c1160086ba70601495cb10deeb1b5a42004e7';
/**
 * dev24 was written and committed before the twenty-seventh round changed any engine, as that round's
 * unseen check (scored on the twenty-sixth round's engines, then three times on the twenty-seventh's);
 * it is training data (in DEV_SETS) since the twenty-eighth.
 */
const DEV24_SHA256 = '7e81eadc116da796d14c22b59a16c3be37f1027a91e7c3d65861277af539b9bf';
/**
 * dev25 was written and committed before the twenty-eighth round changed any engine, as that round's
 * unseen check (scored on the twenty-seventh round's engines, twice on the twenty-eighth's, then once more
 * on them at the twenty-ninth's start); it is training data (in DEV_SETS) since the twenty-ninth.
 */
const DEV25_SHA256 = 'bd589b33fc75cb578e2e4c5f4c0a48c13ae5a33303dcf95900c44d9f6cbf1b7e';
/**
 * dev26 was written and committed before the twenty-ninth round changed any engine, as that round's
 * unseen check (scored twice on the twenty-ninth round's engines, then once more on them at the thirtieth's
 * start); it is training data (in DEV_SETS) since the thirtieth.
 */
const DEV26_SHA256 = '6824ff5dfd69ecbe3906fce9b54d171610190377320a421f1b6c9b14da423446';
/**
 * dev27 was written and committed before the thirtieth round changed any engine, as that round's
 * unseen check (scored on the thirtieth round's engines before and after its change, then once more at the
 * thirty-first's start); it is training data (in DEV_SETS) since the thirty-first.
 */
const DEV27_SHA256 = '30e776a61c41433cbffdbace022d5e42c04a4434edf009eab7941a1d74a8c02d';
/**
 * dev28 was written and committed before the thirty-second round changed any engine, as that round's
 * unseen check (scored at the thirty-second round's start and end, then once more at the thirty-third's
 * start, all three the same); it is training data (in DEV_SETS) since the thirty-third.
 */
const DEV28_SHA256 = 'ec8bce80c55e15410722e5b3f451a4be96596308ca98c12a064ab3c4a7f11f8e';
/**
 * dev29 was written and committed before the thirty-third round changed any engine, as that round's
 * unseen check (scored before and after the thirty-third round's change, then once more at the
 * thirty-fourth's start, the last two the same); it is training data (in DEV_SETS) since the thirty-fourth.
 */
const DEV29_SHA256 = 'f70b8afda062a08a3ad2830199be085f9c457e6c9eb8492f324c106a0437e023';
/**
 * dev30 was written and committed before the thirty-fourth round changed any engine, as that round's
 * unseen check (scored at the thirty-fourth round's start and end, then once more at the
 * thirty-fifth's start); it is training data (in DEV_SETS) since the thirty-fifth.
 */
const DEV30_SHA256 = '20d771af213c0f465be3df774d61d8ba07ab2a28166dd93e95fa25059e42f107';
/**
 * dev31 was written from main as it stood before the thirty-fifth round changed any engine (blind to
 * the round's changes), as that round's unseen check (scored at the round's start and end); it is
 * training data (in DEV_SETS) since the thirty-sixth.
 */
const DEV31_SHA256 = '4d30a6f3b41a4848019f61a7798529886cf3ab5e819c374989636267b06917fb';
/**
 * dev32 was written from main as it stood before the thirty-sixth round changed any engine (blind to
 * the round's changes), as that round's unseen check (scored at the round's start and end and once
 * more at the thirty-seventh's start); it is training data (in DEV_SETS) since the thirty-seventh.
 */
const DEV32_SHA256 = '8bf17c272eddf09d77141b9dcacf194acc67ddf4a922c4778dd5e6b197ea3411';
/**
 * dev33 was written blind to the thirty-seventh round's engine changes (after them, from main as it
 * stood before them), as that round's unseen check (scored at the round's start and end and once more
 * at the thirty-eighth's start); it is training data (in DEV_SETS) since the thirty-eighth.
 */
const DEV33_SHA256 = '5de106bed3a32ba39d55b4e1bf409633597873d218ed2ee20c8eedb897ec6412';
/**
 * dev34 was written blind (no engine source read, no engine run on it), from main as it stood at the
 * thirty-eighth round's start, as that round's unseen check (scored at the round's start and end and
 * once more at the thirty-ninth's start); it is training data (in DEV_SETS) since the thirty-ninth.
 */
const DEV34_SHA256 = '7ab74b0bad20c3d388b98b976c68c72d54360a0e2c838aa32bf49c1a325d252c';
/**
 * dev35 was written blind (no engine source read, no engine run on it), from main as it stood during the
 * thirty-ninth round (fe8c7b6), as that round's unseen check (scored at the round's start and end and
 * once more at the fortieth's start); it is training data (in DEV_SETS) since the fortieth.
 */
const DEV35_SHA256 = '90541d25d994c1a2dff66922f22eaf73006ec6dfded61e9095454c2c268aebaa';
/**
 * dev36 was written blind (no engine source read, no engine run on it), from main as it stood at the
 * fortieth round's start (4bbe6bf), as that round's unseen check (scored at the round's start and end and
 * once more at the forty-first's start); it is training data (in DEV_SETS) since the forty-first.
 */
const DEV36_SHA256 = '9b4f6a02e3daa4ef6a4acf325fb178fa573dd2a244cd9fbab4674b23f79131a4';
/**
 * dev37 was written blind (no engine source read, no engine run on it), from main as it stood before
 * dev36 was learned (af9e795), as the forty-first round's unseen check (scored at the round's start and end and
 * once more at the forty-second's start); it is training data (in DEV_SETS) since the forty-second.
 */
const DEV37_SHA256 = '63a65bf50aea79607a358ae1d07d93fea523a57d445ebe9c7d05206270575315';
/**
 * dev38 was written blind (no engine source read, no engine run on it), from main as it stood before
 * dev37 was learned (e2dc34c), as the forty-second round's unseen check (scored at the round's start and end and
 * once more at the forty-third's start); it is training data (in DEV_SETS) since the forty-third.
 */
const DEV38_SHA256 = '3434acb69186590728bf6e36653b6755d1589e3494f74df970eaaf4fed73595d';
/**
 * dev39 was written blind (no engine source read, no engine run on it), from main as it stood before
 * dev38 was learned (85d2354), as the forty-third round's unseen check (scored at the round's start and end and
 * once more at the forty-fourth's start); it is training data (in DEV_SETS) since the forty-fourth.
 */
const DEV39_SHA256 = '90f558f220844e982cc18d933f0104cd246504ca1434a17270769a48843787fd';
/**
 * dev40 was written blind (no engine source read, no engine run on it), from main as it stood before
 * dev39 was learned (b21916e), as the forty-fourth round's unseen check (scored at the round's start and end and
 * once more at the forty-fifth's start); it is training data (in DEV_SETS) since the forty-fifth.
 */
const DEV40_SHA256 = '6433bcdca7694ea40665e7fd3b411599d38b951764a1a293f5540c2d6243757a';
/**
 * dev41 was written blind (no engine source read, no engine run on it), from main as it stood after
 * dev40 was learned (457c56f), as the forty-fifth round's unseen check (scored at the round's start and end and
 * once more at the forty-sixth's start); it is training data (in DEV_SETS) since the forty-sixth.
 */
const DEV41_SHA256 = 'c045ea01221c8488fe877f6a81c6b6b625ea63e72944bbaf4dc4d754c89b8099';
/**
 * dev42 was written blind (no engine source read, no engine run on it), from main as it stood before
 * dev41 was learned (6cc382a) and rebased onto dev41's learning (b676259) before its commit, as the
 * forty-sixth round's unseen check (scored at the round's start and end and once more at the
 * forty-seventh's start); it is training data (in DEV_SETS) since the forty-seventh.
 */
const DEV42_SHA256 = '71ccd3caea349c2517492cece669fc94f980bb3cb5fc4665e81e2259899eb1cf';
/**
 * dev43 was written blind (no engine source read, no engine run on it), from main as it stood before
 * dev42 was learned (da25b44) and rebased onto dev42's learning (c51acfe) before its commit, as the
 * forty-seventh round's unseen check (scored at the round's start and end and once more at the
 * forty-eighth's start); it is training data (in DEV_SETS) since the forty-eighth.
 */
const DEV43_SHA256 = '476e4b1f9cca9d763239035793fcd272e50cbc600cd7c5b4ca41130648ec29ec';
/**
 * dev44 was written blind (no engine source read, no engine run on it), from main as it stood before
 * dev43 was learned (a58667b) and rebased onto dev43's learning (a7ad719) before its commit, as the
 * forty-eighth round's unseen check (scored at the round's start and end and once more at the
 * forty-ninth's start); it is training data (in DEV_SETS) since the forty-ninth.
 */
const DEV44_SHA256 = 'd2d312ed632ad92e479692fb852503225a64f890717fde1d7e457bb2c7673c37';
/**
 * dev45 was written blind (no engine source read, no engine run on it), from main as it stood before
 * dev44 was learned (301ebbe) and rebased onto dev44's learning (bfc85de) before its registration, as the
 * forty-ninth round's unseen check (scored at the round's start and end and once more at the
 * fiftieth's start); it is training data (in DEV_SETS) since the fiftieth.
 */
const DEV45_SHA256 = '5b5f685665f70e0f9ad21368ee61d1def615075e48afc11c28d3ba8f8cd0dc3e';
/**
 * dev46 was written blind (no engine source read, no engine run on it), from main as it stood before
 * dev45 was learned (0422b19) and rebased onto dev45's learning (e21d749) before its registration, as the
 * fiftieth round's unseen check (scored at the round's start and end and once more at the
 * fifty-first's start); it is training data (in DEV_SETS) since the fifty-first.
 */
const DEV46_SHA256 = 'f7a29eaa95aa17d018921cb4e2245e9490cf0b6b6a1c5376dd1012874c5d6266';
/**
 * dev47 was written blind (no engine source read, no engine run on it), from main as it stood before
 * dev46 was learned (3465933) and rebased onto dev46's learning (2c75f65) before its registration, as the
 * fifty-first round's unseen check (scored at the round's start and end and once more at the
 * fifty-second's start); it is training data (in DEV_SETS) since the fifty-second.
 */
const DEV47_SHA256 = '58abd72e245e77c639e3e23aa42f758c864559a0dfc01bb87071bc5595924db3';
/**
 * dev48 was written blind (no engine source read, no engine run on it), from main as it stood before
 * dev47 was learned (7bbf997) and rebased onto dev47's learning (05d05e1) before its registration, as the
 * fifty-second round's unseen check (scored at the round's start and end and once more at the
 * fifty-third's start); it is training data (in DEV_SETS) since the fifty-third.
 */
const DEV48_SHA256 = '7b7836f439ea89718643d8da572a6318c7d87feab965be3d99fca5e4fd0bb4cb';
/**
 * dev49 was written blind (no engine source read, no engine run on it), from main as it stood before
 * dev48 was learned (18ad796) and rebased onto dev48's learning (6cfb410) before its registration, as the
 * fifty-third round's unseen check (scored at the round's start and end and once more at the
 * fifty-fourth's start); it is training data (in DEV_SETS) since the fifty-fourth.
 */
const DEV49_SHA256 = 'ba28ea50ac379279ab7e7c400b449dc8616986a0c1a89ff439f9713417e8f95f';
/**
 * dev50 was written blind (no engine source read, no engine run on it), from main as it stood before
 * dev49 was learned (597bd05) and rebased onto dev49's learning (735c675) before its registration, as the
 * fifty-fourth round's unseen check (scored at the round's start and end and once more at the
 * fifty-fifth's start); it is training data (in DEV_SETS) since the fifty-fifth.
 */
const DEV50_SHA256 = '7659a87a21be4feef27284753c7a399bda160b7d3f9da2330d561fcc21c2f53b';
/**
 * dev51 was written blind (no engine source read, no engine run on it), from main as it stood before
 * dev50 was learned (8d66b43) and rebased onto dev50's learning (bcf9e73) before its registration, as the
 * fifty-fifth round's unseen check: it is not training data (not in DEV_SETS).
 */
const DEV51_SHA256 = 'e8f01468ea5b6578ab7be2384c603cb3a2ae4fc6da50aef30f22554b48a7cb5a';
/**
 * The toxicity development set's two halves (by writing order), written and split before the
 * eleventh round changed the toxicity engine: tox-a is tuned on, tox-b only reported.
 */
const TOX_A_SHA256 = '70af39181061311baa018a1a20b0b6a5cd553a58adc1a175c439c8ac8557e044';
/** tox-c was written after the round's last toxicity rule change and scored once. */
const TOX_C_SHA256 = '02fd4cda0fb9d769334d293078f313b09ab42a94232d66689f3c73423294ef57';
const TOX_B_SHA256 = '5b2dbdf6dbf0ff03253b93a323c2a8dd6c5be76891d6ee88805e954db862b84c';

const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(strings)
      : value !== null && typeof value === 'object'
        ? Object.values(value).flatMap(strings)
        : [];

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/\{[a-z0-9]+\}/giu, ' ')
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .split(/\s+/u)
    .filter((w) => w !== '');

const ngrams = (text: string, n: number): string[] => {
  const w = words(text);
  return w.length < n ? [] : w.slice(0, w.length - n + 1).map((_, i) => w.slice(i, i + n).join(' '));
};

describe('evaluation sets', () => {
  it('the frozen set is the one committed before tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.frozen)).digest('hex');
    expect(hash).toBe(FROZEN_SHA256);
  });

  it('the dev2 set is the one committed before the third round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev2)).digest('hex');
    expect(hash).toBe(DEV2_SHA256);
  });

  it('the dev3 set is the one committed before the fourth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev3)).digest('hex');
    expect(hash).toBe(DEV3_SHA256);
  });

  it('the dev4 set is the one committed before the fifth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev4)).digest('hex');
    expect(hash).toBe(DEV4_SHA256);
  });

  it('the dev5 set is the one committed before the sixth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev5)).digest('hex');
    expect(hash).toBe(DEV5_SHA256);
  });

  it('the dev6 set is the one committed before the seventh round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev6)).digest('hex');
    expect(hash).toBe(DEV6_SHA256);
  });

  it('the dev7 set is the one committed before the eighth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev7)).digest('hex');
    expect(hash).toBe(DEV7_SHA256);
  });

  it('the dev8 set is the one committed before the eleventh round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev8)).digest('hex');
    expect(hash).toBe(DEV8_SHA256);
  });

  it('the dev9 set is the one committed before the twelfth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev9)).digest('hex');
    expect(hash).toBe(DEV9_SHA256);
  });

  it('the dev10 set is the one committed before the fourteenth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev10)).digest('hex');
    expect(hash).toBe(DEV10_SHA256);
  });

  it('the dev11 set is the one committed before the fourteenth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev11)).digest('hex');
    expect(hash).toBe(DEV11_SHA256);
  });

  it('the dev12 set is the one committed before the fifteenth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev12)).digest('hex');
    expect(hash).toBe(DEV12_SHA256);
  });

  it('the dev13 set is the one committed before the sixteenth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev13)).digest('hex');
    expect(hash).toBe(DEV13_SHA256);
  });

  it('the dev14 set is the one committed before the seventeenth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev14)).digest('hex');
    expect(hash).toBe(DEV14_SHA256);
  });

  it('the dev15 set is the one committed before the eighteenth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev15)).digest('hex');
    expect(hash).toBe(DEV15_SHA256);
  });

  it('the dev16 set is the one committed before the nineteenth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev16)).digest('hex');
    expect(hash).toBe(DEV16_SHA256);
  });

  it('the dev17 set is the one committed before the nineteenth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev17)).digest('hex');
    expect(hash).toBe(DEV17_SHA256);
  });

  it('the dev18 set is the one committed before the twentieth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev18)).digest('hex');
    expect(hash).toBe(DEV18_SHA256);
  });

  it('the dev19 set is the one committed before the twenty-first round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev19)).digest('hex');
    expect(hash).toBe(DEV19_SHA256);
  });

  it('the dev20 set is the one committed before the twenty-second round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev20)).digest('hex');
    expect(hash).toBe(DEV20_SHA256);
  });

  it('the dev21 set is the one committed before the twenty-third round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev21)).digest('hex');
    expect(hash).toBe(DEV21_SHA256);
  });

  it('the dev22 set is the one committed before the twenty-fourth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev22)).digest('hex');
    expect(hash).toBe(DEV22_SHA256);
  });

  it('the dev23 set is the one committed before the twenty-sixth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev23)).digest('hex');
    expect(hash).toBe(DEV23_SHA256);
  });

  it('the dev24 set is the one committed before the twenty-seventh round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev24)).digest('hex');
    expect(hash).toBe(DEV24_SHA256);
  });

  it('the dev25 set is the one committed before the twenty-eighth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev25)).digest('hex');
    expect(hash).toBe(DEV25_SHA256);
  });

  it('the dev26 set is the one committed before the twenty-ninth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev26)).digest('hex');
    expect(hash).toBe(DEV26_SHA256);
  });

  it('the dev27 set is the one committed before the thirtieth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev27)).digest('hex');
    expect(hash).toBe(DEV27_SHA256);
  });

  it('the dev28 set is the one committed before the thirty-second round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev28)).digest('hex');
    expect(hash).toBe(DEV28_SHA256);
  });

  it('the dev29 set is the one committed before the thirty-third round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev29)).digest('hex');
    expect(hash).toBe(DEV29_SHA256);
  });

  it('the dev30 set is the one committed before the thirty-fourth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev30)).digest('hex');
    expect(hash).toBe(DEV30_SHA256);
  });

  it('the dev31 set is the one committed before the thirty-fifth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev31)).digest('hex');
    expect(hash).toBe(DEV31_SHA256);
  });

  it('the dev32 set is the one committed before the thirty-sixth round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev32)).digest('hex');
    expect(hash).toBe(DEV32_SHA256);
  });

  it('the dev33 set is the one committed before the thirty-seventh round of tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev33)).digest('hex');
    expect(hash).toBe(DEV33_SHA256);
  });

  it("the dev34 set is the one committed as the thirty-eighth round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev34)).digest('hex');
    expect(hash).toBe(DEV34_SHA256);
  });

  it("the dev35 set is the one committed as the thirty-ninth round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev35)).digest('hex');
    expect(hash).toBe(DEV35_SHA256);
  });

  it("the dev36 set is the one committed as the fortieth round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev36)).digest('hex');
    expect(hash).toBe(DEV36_SHA256);
  });

  it("the dev37 set is the one committed as the forty-first round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev37)).digest('hex');
    expect(hash).toBe(DEV37_SHA256);
  });

  it("the dev38 set is the one committed as the forty-second round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev38)).digest('hex');
    expect(hash).toBe(DEV38_SHA256);
  });

  it("the dev39 set is the one committed as the forty-third round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev39)).digest('hex');
    expect(hash).toBe(DEV39_SHA256);
  });

  it("the dev40 set is the one committed as the forty-fourth round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev40)).digest('hex');
    expect(hash).toBe(DEV40_SHA256);
  });

  it("the dev41 set is the one committed as the forty-fifth round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev41)).digest('hex');
    expect(hash).toBe(DEV41_SHA256);
  });

  it("the dev42 set is the one committed as the forty-sixth round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev42)).digest('hex');
    expect(hash).toBe(DEV42_SHA256);
  });

  it("the dev43 set is the one committed as the forty-seventh round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev43)).digest('hex');
    expect(hash).toBe(DEV43_SHA256);
  });

  it("the dev44 set is the one committed as the forty-eighth round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev44)).digest('hex');
    expect(hash).toBe(DEV44_SHA256);
  });

  it("the dev45 set is the one committed as the forty-ninth round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev45)).digest('hex');
    expect(hash).toBe(DEV45_SHA256);
  });

  it("the dev46 set is the one committed as the fiftieth round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev46)).digest('hex');
    expect(hash).toBe(DEV46_SHA256);
  });

  it("the dev47 set is the one committed as the fifty-first round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev47)).digest('hex');
    expect(hash).toBe(DEV47_SHA256);
  });

  it("the dev48 set is the one committed as the fifty-second round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev48)).digest('hex');
    expect(hash).toBe(DEV48_SHA256);
  });

  it("the dev49 set is the one committed as the fifty-third round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev49)).digest('hex');
    expect(hash).toBe(DEV49_SHA256);
  });

  it("the dev50 set is the one committed as the fifty-fourth round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev50)).digest('hex');
    expect(hash).toBe(DEV50_SHA256);
  });

  it("the dev51 set is the one committed as the fifty-fifth round's unseen check (sha256 pinned)", () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.dev51)).digest('hex');
    expect(hash).toBe(DEV51_SHA256);
  });

  it.each([
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
    'dev51',
  ] as const)(
    'the %s set holds 65 calls (6 per topic, 5 with none, 6 with a second topic), 10 toxic turns and 10 look-alikes, and an intent label for each of its 60 topical calls',
    (name) => {
      // Act
      const calls = readEvalSet(name);
      const labels = readIntentLabels(name);
      // Assess
      const perTopic = new Map<string, number>();
      for (const c of calls) perTopic.set(c.topic ?? 'none', (perTopic.get(c.topic ?? 'none') ?? 0) + 1);
      expect(calls).toHaveLength(65);
      expect(perTopic.get('none')).toBe(5);
      expect([...perTopic].filter(([t]) => t !== 'none').map(([, n]) => n)).toEqual(Array(10).fill(6));
      expect(calls.filter((c) => c.also.length > 0)).toHaveLength(6);
      const turns = calls.flatMap((c) => c.turns);
      expect(turns.filter((t) => t.toxic.length > 0)).toHaveLength(10);
      expect(turns.filter((t) => t.lookalike.length > 0)).toHaveLength(10);
      expect(turns.filter((t) => t.toxic.length > 0 && t.role === 'AGENT')).toHaveLength(1);
      expect(new Set(turns.flatMap((t) => t.toxic)).size).toBe(7);
      expect(labels?.size).toBe(60);
    },
  );

  it.each([
    ['tox-a', TOX_A_SHA256],
    ['tox-b', TOX_B_SHA256],
    ['tox-c', TOX_C_SHA256],
  ] as const)(
    'the %s half of the toxicity dev set is the one committed before the toxicity work (sha256 pinned)',
    (name, sha) => {
      const hash = createHash('sha256').update(readFileSync(EVAL_SETS[name])).digest('hex');
      expect(hash).toBe(sha);
    },
  );

  it('the toxicity dev set is not training data and its parts share no call', () => {
    // Act
    const a = readEvalSet('tox-a');
    const b = readEvalSet('tox-b');
    const c = readEvalSet('tox-c');
    // Assess: topic-free exchanges, each with one toxic or look-alike turn
    expect(DEV_SETS as readonly string[]).not.toContain('tox-a');
    expect(DEV_SETS as readonly string[]).not.toContain('tox-b');
    expect(DEV_SETS as readonly string[]).not.toContain('tox-c');
    const ids = new Set(a.map((x) => x.id));
    expect([...b, ...c].filter((x) => ids.has(x.id))).toEqual([]);
    for (const call of [...a, ...b, ...c]) {
      expect(call.topic, call.id).toBeNull();
      expect(
        call.turns.filter((t) => t.toxic.length > 0 || t.lookalike.length > 0),
        call.id,
      ).toHaveLength(1);
    }
    const count = (calls: LabelledCall[], kind: 'toxic' | 'lookalike') =>
      calls.flatMap((c) => c.turns).filter((t) => t[kind].length > 0).length;
    expect([count(a, 'toxic'), count(a, 'lookalike'), count(b, 'toxic'), count(b, 'lookalike')]).toEqual([
      52, 29, 48, 33,
    ]);
    expect([count(c, 'toxic'), count(c, 'lookalike')]).toEqual([29, 17]);
  });

  it("every evaluation set outside DEV_SETS (frozen, holdout, dev51, the toxicity sets) is not training data: none of its calls among the default topic model's", async () => {
    // Prepare
    const trained = new Set(shippedCallLessons(await loadTaxonomy()).fingerprints);
    const isTrained = (c: LabelledCall) =>
      trained.has(trainingFingerprint(c.turns.map((t) => ({ role: t.role, text: t.text }))));
    const outside = (Object.keys(EVAL_SETS) as (keyof typeof EVAL_SETS)[]).filter(
      (name) => !(DEV_SETS as readonly string[]).includes(name),
    );
    // Act
    const setTrained = outside.flatMap((name) =>
      readEvalSet(name)
        .filter(isTrained)
        .map((c) => `${name}:${c.id}`),
    );
    // Assess: the fingerprints are the ones dev calls give (so a trained call of the set would be found)
    expect(outside).toEqual(
      expect.arrayContaining(['frozen', 'holdout', 'dev51', 'tox-a', 'tox-b', 'tox-c']),
    );
    expect(readEvalSet('dev7').every(isTrained)).toBe(true);
    expect(setTrained).toEqual([]);
  });

  it.each([
    ['dev8', 'twelfth'],
    ['dev9', 'thirteenth'],
    ['dev10', 'fourteenth'],
    ['dev11', 'fifteenth'],
    ['dev12', 'sixteenth'],
    ['dev13', 'seventeenth'],
    ['dev14', 'eighteenth'],
    ['dev15', 'nineteenth'],
    ['dev16', 'twentieth'],
    ['dev17', 'twenty-first'],
    ['dev18', 'twenty-second'],
    ['dev19', 'twenty-third'],
    ['dev20', 'twenty-fourth'],
    ['dev21', 'twenty-fifth'],
    ['dev22', 'twenty-sixth'],
    ['dev23', 'twenty-seventh'],
    ['dev24', 'twenty-eighth'],
    ['dev25', 'twenty-ninth'],
    ['dev26', 'thirtieth'],
    ['dev27', 'thirty-first'],
    ['dev28', 'thirty-third'],
    ['dev29', 'thirty-fourth'],
    ['dev30', 'thirty-fifth'],
    ['dev31', 'thirty-sixth'],
    ['dev32', 'thirty-seventh'],
    ['dev33', 'thirty-eighth'],
    ['dev34', 'thirty-ninth'],
    ['dev35', 'fortieth'],
    ['dev36', 'forty-first'],
    ['dev37', 'forty-second'],
    ['dev38', 'forty-third'],
    ['dev39', 'forty-fourth'],
    ['dev40', 'forty-fifth'],
    ['dev41', 'forty-sixth'],
    ['dev42', 'forty-seventh'],
    ['dev43', 'forty-eighth'],
    ['dev44', 'forty-ninth'],
    ['dev45', 'fiftieth'],
    ['dev46', 'fifty-first'],
    ['dev47', 'fifty-second'],
    ['dev48', 'fifty-third'],
    ['dev49', 'fifty-fourth'],
    ['dev50', 'fifty-fifth'],
  ] as const)(
    "%s is training data since the %s round: a dev set, every call among the default topic model's",
    async (name, _round) => {
      // Prepare
      const trained = new Set(shippedCallLessons(await loadTaxonomy()).fingerprints);
      const isTrained = (c: LabelledCall) =>
        trained.has(trainingFingerprint(c.turns.map((t) => ({ role: t.role, text: t.text }))));
      // Act
      const untrained = readEvalSet(name)
        .filter((c) => !isTrained(c))
        .map((c) => c.id);
      // Assess
      expect(DEV_SETS as readonly string[]).toContain(name);
      expect(untrained).toEqual([]);
    },
  );

  it.each([
    ['frozen', 140, 45],
    ['holdout', 40, 0],
    ['dev', 80, 0],
    ['dev2', 60, 0],
    ['dev3', 60, 0],
    ['dev4', 60, 0],
    ['dev5', 60, 0],
    ['dev6', 60, 6],
    ['dev7', 60, 6],
    ['dev8', 60, 6],
    ['dev9', 60, 6],
    ['dev10', 60, 6],
    ['dev11', 60, 6],
    ['dev12', 60, 6],
    ['dev13', 60, 6],
    ['dev14', 60, 6],
    ['dev15', 60, 6],
    ['dev16', 60, 6],
    ['dev17', 60, 6],
    ['dev18', 60, 6],
    ['dev19', 60, 6],
    ['dev20', 60, 6],
    ['dev21', 60, 6],
    ['dev22', 60, 6],
    ['dev23', 60, 6],
    ['dev24', 60, 6],
    ['dev25', 60, 6],
    ['dev26', 60, 6],
    ['dev27', 60, 6],
    ['dev28', 60, 6],
    ['dev29', 60, 6],
    ['dev30', 60, 6],
    ['dev31', 60, 6],
    ['dev32', 60, 6],
    ['dev33', 60, 6],
    ['dev34', 60, 6],
    ['dev35', 60, 6],
    ['dev36', 60, 6],
    ['dev37', 60, 6],
    ['dev38', 60, 6],
    ['dev39', 60, 6],
    ['dev40', 60, 6],
    ['dev41', 60, 6],
    ['dev42', 60, 6],
    ['dev43', 60, 6],
    ['dev44', 60, 6],
    ['dev45', 60, 6],
    ['dev46', 60, 6],
    ['dev47', 60, 6],
    ['dev48', 60, 6],
    ['dev49', 60, 6],
    ['dev50', 60, 6],
    ['dev51', 60, 6],
    ['tox-a', 80, 50],
    ['tox-b', 80, 45],
    ['tox-c', 40, 25],
  ] as const)(
    'the %s set parses: known topics, labels and a request check that its own reference passes',
    async (name, minCalls, minToxic) => {
      // Prepare
      const taxonomy = await loadTaxonomy();
      const known = new Set(taxonomy.topics.map((t) => t.id));
      // Act
      const calls = readEvalSet(name);
      // Assess
      expect(calls.length).toBeGreaterThanOrEqual(minCalls);
      for (const call of calls) {
        for (const topic of [call.topic, ...call.also])
          if (topic !== null) expect(known, call.id).toContain(topic);
        if (call.topic !== null) expect(reasonMatchesRequest(call.reason, call.request), call.id).toBe(true);
        expect(labelledCallDocument(call).turns).toHaveLength(call.turns.length);
      }
      expect(calls.flatMap((c) => c.turns).filter((t) => t.toxic.length > 0).length).toBeGreaterThanOrEqual(
        minToxic,
      );
    },
  );

  const trainingText = async (): Promise<string[]> => {
    const taxonomy = await loadTaxonomy();
    return [
      ...taxonomy.background,
      ...taxonomy.topics.flatMap((t) => [
        t.description,
        ...t.examples,
        ...(t.intents ?? []).flatMap((i) => [i.label, ...i.examples]),
      ]),
      ...strings(TOPIC_CONTENT),
      ...strings(conversation),
      ...strings(prompts),
      ...strings(remarks),
    ];
  };
  /** The dev sets that are not training data (not in DEV_SETS): the unseen checks. */
  const UNSEEN: readonly EvalSetName[] = ['dev51'];
  const setText = (...names: EvalSetName[]): string[] =>
    names.flatMap((name) => readEvalSet(name).flatMap((c) => c.turns.map((t) => t.text)));
  /** `call id: 6-word run` for each turn of `calls` that shares a 6-word run with `seenText`. */
  const sharedRuns = (calls: LabelledCall[], seenText: string[]): string[] => {
    const seen = new Set(seenText.flatMap((t) => ngrams(t, 6)));
    return calls.flatMap((call) =>
      call.turns.flatMap((turn) =>
        ngrams(turn.text, 6)
          .filter((g) => seen.has(g))
          .map((g) => `${call.id}: ${g}`),
      ),
    );
  };

  it('held-out sets (frozen, holdout) share no 6-word sequence with the training phrases, the generator lines, the dev sets or what the default model learns from them', async () => {
    // Prepare: the dev sets are training data too (config/topic-calls.json holds what the default model learns from them)
    const lessons = shippedCallLessons(await loadTaxonomy());
    const seen = [
      ...(await trainingText()),
      // every dev set (DEV_SETS) and the unseen ones
      ...setText(...DEV_SETS, ...UNSEEN),
      ...lessons.examples.map((e) => e.text),
      ...lessons.background,
    ];
    // Act
    const shared = sharedRuns([...readEvalSet('frozen'), ...readEvalSet('holdout')], seen);
    // Assess
    expect(shared).toEqual([]);
  });

  it("no call of the held-out sets (frozen, holdout) is among the default topic model's training calls", async () => {
    // Prepare
    const trained = new Set(shippedCallLessons(await loadTaxonomy()).fingerprints);
    const isTrained = (c: LabelledCall) =>
      trained.has(trainingFingerprint(c.turns.map((t) => ({ role: t.role, text: t.text }))));
    // Act: a failure prints how many, never a held-out line
    const shared = [...readEvalSet('frozen'), ...readEvalSet('holdout')].filter(isTrained).length;
    // Assess: the fingerprints are the ones the dev calls give (so a held-out call would be found)
    expect(readEvalSet('dev7').every(isTrained)).toBe(true);
    expect(shared).toBe(0);
  });

  it('the dev2 set shares no 6-word sequence with the training phrases, the generator lines or the other sets', async () => {
    // Prepare: a failure prints the dev2 call and the shared run (a dev2 line), never another set's line
    const seen = [...(await trainingText()), ...setText('dev', 'frozen', 'holdout')];
    // Act
    const shared = sharedRuns(readEvalSet('dev2'), seen);
    // Assess
    expect(shared).toEqual([]);
  });

  it('the dev3 set shares no 6-word sequence with the training phrases, the generator lines or the other sets', async () => {
    // Prepare: a failure prints the dev3 call and the shared run (a dev3 line), never another set's line
    const seen = [...(await trainingText()), ...setText('dev', 'dev2', 'frozen', 'holdout')];
    // Act
    const shared = sharedRuns(readEvalSet('dev3'), seen);
    // Assess
    expect(shared).toEqual([]);
  });

  it('the dev4 set shares no 6-word sequence with the training phrases, the generator lines or the other sets', async () => {
    // Prepare: a failure prints the dev4 call and the shared run (a dev4 line), never another set's line
    const seen = [...(await trainingText()), ...setText('dev', 'dev2', 'dev3', 'frozen', 'holdout')];
    // Act
    const shared = sharedRuns(readEvalSet('dev4'), seen);
    // Assess
    expect(shared).toEqual([]);
  });

  it('the dev5 set shares no 6-word sequence with the training phrases, the generator lines or the other sets', async () => {
    // Prepare: a failure prints the dev5 call and the shared run (a dev5 line), never another set's line
    const seen = [...(await trainingText()), ...setText('dev', 'dev2', 'dev3', 'dev4', 'frozen', 'holdout')];
    // Act
    const shared = sharedRuns(readEvalSet('dev5'), seen);
    // Assess
    expect(shared).toEqual([]);
  });

  it('the dev6 set shares no 6-word sequence with the training phrases, the generator lines or the other sets', async () => {
    // Prepare: a failure prints the dev6 call and the shared run (a dev6 line), never another set's line
    const seen = [
      ...(await trainingText()),
      ...setText('dev', 'dev2', 'dev3', 'dev4', 'dev5', 'frozen', 'holdout'),
    ];
    // Act
    const shared = sharedRuns(readEvalSet('dev6'), seen);
    // Assess
    expect(shared).toEqual([]);
  });

  it('the dev7 set shares no 6-word sequence with the training phrases, the generator lines or the other sets', async () => {
    // Prepare: a failure prints the dev7 call and the shared run (a dev7 line), never another set's line
    const seen = [
      ...(await trainingText()),
      ...setText('dev', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'frozen', 'holdout'),
    ];
    // Act
    const shared = sharedRuns(readEvalSet('dev7'), seen);
    // Assess
    expect(shared).toEqual([]);
  });

  it('the dev8 set shares no 6-word sequence with the training phrases, the generator lines or the other sets', async () => {
    // Prepare: a failure prints the dev8 call and the shared run (a dev8 line), never another set's line
    // (since the twelfth round the default model learns dev8 itself, so its lessons are not compared)
    const seen = [
      ...(await trainingText()),
      ...setText('dev', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'frozen', 'holdout'),
    ];
    // Act
    const shared = sharedRuns(readEvalSet('dev8'), seen);
    // Assess
    expect(shared).toEqual([]);
  });

  it('the dev9 set shares no 6-word sequence with the training phrases, the generator lines or the other sets', async () => {
    // Prepare: a failure prints the dev9 call and the shared run (a dev9 line), never another set's line
    // (since the thirteenth round the default model learns dev9 itself, so its lessons are not compared)
    const seen = [
      ...(await trainingText()),
      ...setText('dev', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'dev8', 'frozen', 'holdout'),
      ...setText('tox-a', 'tox-b', 'tox-c'),
    ];
    // Act
    const shared = sharedRuns(readEvalSet('dev9'), seen);
    // Assess
    expect(shared).toEqual([]);
  });

  it('the dev10 set shares no 6-word sequence with the training phrases, the generator lines or the other sets', async () => {
    // Prepare: a failure prints the dev10 call and the shared run (a dev10 line), never another set's line
    // (since the fourteenth round the default model learns dev10 itself, so its lessons are not compared)
    const seen = [
      ...(await trainingText()),
      ...setText('dev', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'dev8', 'dev9', 'frozen', 'holdout'),
      ...setText('tox-a', 'tox-b', 'tox-c'),
    ];
    // Act
    const shared = sharedRuns(readEvalSet('dev10'), [
      ...seen,
      // the dev sets written after it (dev11 on), then the unseen ones
      ...setText(...DEV_SETS.slice(DEV_SETS.indexOf('dev11')), ...UNSEEN),
    ]);
    // Assess
    expect(shared).toEqual([]);
  });

  it('the dev11 set shares no 6-word sequence with the training phrases, the generator lines or the other sets', async () => {
    // Prepare: a failure prints the dev11 call and the shared run (a dev11 line), never another set's line
    // (since the fifteenth round the default model learns dev11 itself, so its lessons are not compared)
    const seen = [
      ...(await trainingText()),
      // every other dev set (DEV_SETS but dev11), the unseen ones (UNSEEN), then the held-out ones
      ...setText(...DEV_SETS.filter((name) => name !== 'dev11'), ...UNSEEN, 'frozen', 'holdout'),
      ...setText('tox-a', 'tox-b', 'tox-c'),
    ];
    // Act
    const shared = sharedRuns(readEvalSet('dev11'), seen);
    // Assess
    expect(shared).toEqual([]);
  });

  it('the dev12 set shares no 6-word sequence with the training phrases, the generator lines or the other sets', async () => {
    // Prepare: a failure prints the dev12 call and the shared run (a dev12 line), never another set's line
    // (since the sixteenth round the default model learns dev12 itself, so its lessons are not compared)
    const seen = [
      ...(await trainingText()),
      // every other dev set (DEV_SETS but dev12), the unseen ones (UNSEEN), then the held-out ones
      ...setText(...DEV_SETS.filter((name) => name !== 'dev12'), ...UNSEEN, 'frozen', 'holdout'),
      ...setText('tox-a', 'tox-b', 'tox-c'),
    ];
    // Act
    const shared = sharedRuns(readEvalSet('dev12'), seen);
    // Assess
    expect(shared).toEqual([]);
  });

  it('the dev13 set shares no 6-word sequence with the training phrases, the generator lines or the other sets', async () => {
    // Prepare: a failure prints the dev13 call and the shared run (a dev13 line), never another set's line
    // (since the seventeenth round the default model learns dev13 itself, so its lessons are not compared)
    const seen = [
      ...(await trainingText()),
      // every other dev set (DEV_SETS but dev13), the unseen ones (UNSEEN), then the held-out ones
      ...setText(...DEV_SETS.filter((name) => name !== 'dev13'), ...UNSEEN, 'frozen', 'holdout'),
      ...setText('tox-a', 'tox-b', 'tox-c'),
    ];
    // Act
    const shared = sharedRuns(readEvalSet('dev13'), seen);
    // Assess
    expect(shared).toEqual([]);
  });

  it('the dev14 set shares no 6-word sequence with the training phrases, the generator lines or the other sets', async () => {
    // Prepare: a failure prints the dev14 call and the shared run (a dev14 line), never another set's line
    // (since the eighteenth round the default model learns dev14 itself, so its lessons are not compared)
    const seen = [
      ...(await trainingText()),
      // every other dev set (DEV_SETS but dev14), the unseen ones (UNSEEN), then the held-out ones
      ...setText(...DEV_SETS.filter((name) => name !== 'dev14'), ...UNSEEN, 'frozen', 'holdout'),
      ...setText('tox-a', 'tox-b', 'tox-c'),
    ];
    // Act
    const shared = sharedRuns(readEvalSet('dev14'), seen);
    // Assess
    expect(shared).toEqual([]);
  });

  it.each([
    ['dev15', 'nineteenth'],
    ['dev16', 'twentieth'],
    ['dev17', 'twenty-first'],
    ['dev18', 'twenty-second'],
    ['dev19', 'twenty-third'],
    ['dev20', 'twenty-fourth'],
    ['dev21', 'twenty-fifth'],
    ['dev22', 'twenty-sixth'],
    ['dev23', 'twenty-seventh'],
    ['dev24', 'twenty-eighth'],
    ['dev25', 'twenty-ninth'],
    ['dev26', 'thirtieth'],
    ['dev27', 'thirty-first'],
    ['dev28', 'thirty-third'],
    ['dev29', 'thirty-fourth'],
    ['dev30', 'thirty-fifth'],
    ['dev31', 'thirty-sixth'],
    ['dev32', 'thirty-seventh'],
    ['dev33', 'thirty-eighth'],
    ['dev34', 'thirty-ninth'],
    ['dev35', 'fortieth'],
    ['dev36', 'forty-first'],
    ['dev37', 'forty-second'],
    ['dev38', 'forty-third'],
    ['dev39', 'forty-fourth'],
    ['dev40', 'forty-fifth'],
    ['dev41', 'forty-sixth'],
    ['dev42', 'forty-seventh'],
    ['dev43', 'forty-eighth'],
    ['dev44', 'forty-ninth'],
    ['dev45', 'fiftieth'],
    ['dev46', 'fifty-first'],
    ['dev47', 'fifty-second'],
    ['dev48', 'fifty-third'],
    ['dev49', 'fifty-fourth'],
    ['dev50', 'fifty-fifth'],
  ] as const)(
    'the %s set shares no 6-word sequence with the training phrases, the generator lines or the other sets (the default model learns it since the %s round)',
    async (name, _round) => {
      // Prepare: a failure prints the set's call and the shared run (its own line), never another set's line
      // (the default model learns the set itself, so its lessons are not compared)
      const seen = [
        ...(await trainingText()),
        // every other dev set, the unseen ones (UNSEEN), then the held-out ones
        ...setText(...DEV_SETS.filter((other) => other !== name), ...UNSEEN, 'frozen', 'holdout'),
        ...setText('tox-a', 'tox-b', 'tox-c'),
      ];
      // Act
      const shared = sharedRuns(readEvalSet(name), seen);
      // Assess
      expect(shared).toEqual([]);
    },
  );

  it.each(UNSEEN)(
    'the %s set shares no 6-word sequence with the training phrases, the generator lines, what the default model learns from the dev sets, or the other sets (the other unseen ones among them)',
    async (name) => {
      // Prepare: a failure prints the set's call and the shared run (its own line), never another set's line
      const lessons = shippedCallLessons(await loadTaxonomy());
      const seen = [
        ...(await trainingText()),
        ...lessons.examples.map((e) => e.text),
        ...lessons.background,
        // every dev set (DEV_SETS, dev50 among them since the fifty-fifth round), the other unseen sets, then the held-out ones
        ...setText(...DEV_SETS, ...UNSEEN.filter((other) => other !== name), 'frozen', 'holdout'),
        ...setText('tox-a', 'tox-b', 'tox-c'),
      ];
      // Act
      const shared = sharedRuns(readEvalSet(name), seen);
      // Assess
      expect(shared).toEqual([]);
    },
  );

  it('the toxicity dev set shares no 6-word sequence with the training phrases, the generator lines, what the default model learns from the dev sets, or the other sets', async () => {
    // Prepare: a failure prints the tox call and the shared run (its own line), never another set's line
    const lessons = shippedCallLessons(await loadTaxonomy());
    const seen = [
      ...(await trainingText()),
      ...lessons.examples.map((e) => e.text),
      ...lessons.background,
      // every dev set (DEV_SETS), the unseen ones (UNSEEN) and the held-out ones
      ...setText(...DEV_SETS, ...UNSEEN, 'frozen', 'holdout'),
    ];
    // Act
    const shared = sharedRuns(
      [...readEvalSet('tox-a'), ...readEvalSet('tox-b'), ...readEvalSet('tox-c')],
      seen,
    );
    // Assess
    expect(shared).toEqual([]);
  });

  it.each([
    'dev4',
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
    'dev51',
  ] as const)(
    "%s's intent labels name an intent of each call's reference topic, for every topical call",
    async (name) => {
      // Prepare
      const taxonomy = await loadTaxonomy();
      const intentsOf = new Map(
        taxonomy.topics.map((t) => [t.id, new Set((t.intents ?? []).map((i) => i.id))]),
      );
      // Act
      const labels = readIntentLabels(name);
      // Assess
      expect(labels).not.toBeNull();
      const topical = readEvalSet(name).filter((c) => c.topic !== null);
      expect([...labels!.keys()].sort()).toEqual(topical.map((c) => c.id).sort());
      for (const call of topical) {
        const intent = labels!.get(call.id);
        if (intent !== null) expect(intentsOf.get(call.topic!), call.id).toContain(intent);
      }
      expect(readIntentLabels('dev3')).toBeNull();
    },
  );

  it('rejects malformed files with the line that is wrong', () => {
    expect(() =>
      parseLabelledCalls('=== X\ntopic: billing\noutcome: resolved\nrequest: a\nQ: hi', 'f'),
    ).toThrow(LabelledCallFormatError);
    expect(() =>
      parseLabelledCalls('=== X\ntopic: billing\noutcome: resolved\nC [toxic RUDE]: hi', 'f'),
    ).toThrow(/f:4: unknown toxicity label RUDE/);
    expect(() => parseLabelledCalls('=== X\noutcome: resolved\nC: hi', 'f')).toThrow(/no topic/);
  });

  it('matches a reason against the request groups by word prefix', () => {
    const request = [
      ['charg', 'bill'],
      ['twice', 'two', 'double'],
    ];
    expect(reasonMatchesRequest('The customer was charged twice.', request)).toBe(true);
    expect(reasonMatchesRequest('i got billed two times', request)).toBe(true);
    expect(reasonMatchesRequest('The customer was recharged once.', request)).toBe(false);
    expect(reasonMatchesRequest(null, request)).toBe(false);
    expect(reasonMatchesRequest('my user name', [['user ?name']])).toBe(true);
    expect(reasonMatchesRequest('my username', [['user ?name']])).toBe(true);
  });

  it("counts the agent's joined words but not their labels, '(agent:' and '(agent replied:' (review of summarizer 38)", () => {
    // Prepare: a request met by "age" or "agent", which the labels hold, and one met by the agent's words
    const age = [['pension'], ['age', 'agent']];
    // Act / Assess
    expect(reasonMatchesRequest('When can I take my pension? (agent replied: From fifty-seven.)', age)).toBe(
      false,
    );
    expect(reasonMatchesRequest('When can I take my pension? (agent: The early one?)', age)).toBe(false);
    expect(reasonMatchesRequest('When can I take my pension? (agent: At what age?)', age)).toBe(true);
    expect(reasonMatchesRequest('My pension at what age?', age)).toBe(true);
  });
});
