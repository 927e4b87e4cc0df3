import { createHash } from 'node:crypto';
import nlp from 'wink-nlp-utils';
import { z } from 'zod';
import type { TurnRole } from '../../schemas/call-document.js';
import {
  ADDITION,
  AGENT_SCRIPT,
  BACK_TO_BUSINESS,
  CLOSING,
  FILLER,
  isIdentityCheck,
  isSmallTalk,
  MARKER_INVITE_WORDS,
  REAL_THING,
  REFERRED_AWAY,
  requestStart,
  STATED_REASON,
  TRANSFER,
  WHERE_TO_GO,
  WRONG_PLACE,
} from './call-structure.js';
import { spokenSentences } from './clauses.js';
import { type Taxonomy, TopicModelParams } from './taxonomy.js';
import {
  LOGISTIC_TRAINING,
  type LogisticExample,
  logisticPosterior,
  trainLogistic,
} from './topic-logistic.js';
import { hypot, type WordVectors } from './word-vectors.js';

/** A stated reason ("the reason I'm calling…") replaces an earlier request turn at most this many turns before it. */
const STATED_REASON_REACH = 4;
/** …and one who marks it ("Now the real thing.") this many turns after the first request candidate. */
const MARKED_REASON_REACH = 10;
/**
 * Turn `i` is the one the caller marks as what they rang about: the marker opens it ("Now the
 * real thing. …"), or ends the caller's turn before it, the agent only inviting between ("Right,
 * the real reason I'm calling." "Go on." "…").
 */
const markedRequest = (turns: readonly { role: string; text: string }[], i: number): boolean => {
  const sentences = spokenSentences(turns[i]!.text);
  if (sentences.some((s, k) => k < sentences.length - 1 && REAL_THING.test(s))) return true;
  let j = i - 1;
  let agentWords = 0;
  for (; j >= 0 && turns[j]!.role === 'AGENT'; j -= 1) agentWords += wordCount(turns[j]!.text);
  if (j < 0 || agentWords > MARKER_INVITE_WORDS || turns[j]!.role !== 'CUSTOMER') return false;
  const said = spokenSentences(turns[j]!.text);
  return REAL_THING.test(said[said.length - 1] ?? '');
};

/**
 * An agent turn of at most this many words and no question acknowledges ("Lovely.", "Sounds
 * wonderful.", "oh no are you ok" as a recogniser writes it; 4 → 6 held out: dev9 +1, no other set changed).
 */
const ACKNOWLEDGEMENT_MAX_WORDS = 6;

/**
 * An agent turn that reads as background talk less than this takes the matter up ("ill update that
 * whats the postcode", a recogniser's question without "?"): an answer, not an acknowledgement of
 * a scene, however short. Held out (leave one dev set out, 1,147 calls): 0.05 topic 1051 -> 1053
 * (dev7, dev11 +1, no set lower); 0.02 the same; 0.1 1051 (four gained, four lost); 0.15 1050.
 */
const ANSWER_MAX_BACKGROUND = 0.05;

/**
 * Sympathy ("Oh no.", "Oh dear.", "I'm so sorry.", "What a nightmare."): the agent heard a problem,
 * not a scene, so the turn it answers is the request (a stolen purse stays the reason when the
 * caller adds an address change next).
 */
const SYMPATHY =
  /\b(?:oh no|oh dear|dear me|sorry|shame|awful|terrible|horrible|dreadful|nightmare|goodness|gosh|yikes|ouch|oh god|oh my|not good|poor you|that's bad|how upsetting|upsetting|worrying)\b/iu;

/**
 * Words a caller asks with ("I'd like", "can you", "I was wondering", "the reason I'm calling"):
 * a first turn with none of them (and no question) is a scene when it is met with an
 * acknowledgement. Not the words a problem is told with ("I got…", "my wife is…", "there's a…",
 * which REQUEST also counts): a story says what happened in them too ("I got the new laptop for
 * Christmas", "my wife is Nigerian"); held out (leave one dev set out) they kept 4 of 692 calls on
 * their scene.
 */
const ASKS =
  /\b(?:i(?:'m| am)? calling|calling (?:about|because|to|regarding)|the (?:real |main )?reason (?:i'm|i am|im|for)|i (?:want|wanna|need|gotta|would like|wanted|was wondering|have a (?:question|problem|concern)|can't|cannot|cant)|i'?d like|i'?m (?:trying|having|not able|unable|looking|thinking)|(?:can|could) (?:you|i)|how (?:do|can|would|much) i|why (?:is|was|did|am|are|do|does)|is (?:it|there|my)|do you|i'?m (?:ringing|phoning|contacting you|after|hoping|wondering|wanting)|(?:ringing|phoning) (?:about|because|to|regarding)|we (?:want|wanna|need|would like|have to|were wondering)|we'?d like|we'?re (?:trying|looking|hoping|ringing|calling|phoning)|i (?:have to|must|was hoping|need)|i'?ve got to|just wondering|would you be able|is it possible|please (?:can|could|would)|(?:^|[.!]\s*)(?:need|want|wanting|looking) to)\b/iu;

/**
 * A problem told as one ("I lost my card", "a payment I don't recognise", "my card was stolen",
 * "the app won't let me log in", "the wrong retirement date"): the request itself, not a scene,
 * though it has no asking words (review14: with ASKS alone, "Okay." and a second question made
 * the second the call's topic).
 */
const PROBLEM =
  /\b(?:i(?:'ve| have)? (?:lost|noticed)|(?:was|were|been|got|has|have|is|are) (?:been )?(?:stolen|hacked|cloned|cancel+ed|declined|blocked|frozen|suspended|charged (?:twice|double|me))|(?:don't|do not|didn't|did not|dont|didnt) recogni[sz]e|never (?:made|authori[sz]ed|ordered|agreed)|keeps? (?:dropping|crashing|failing|freezing|cutting out|declining)|(?:won't|will not|wont|can't|cannot) (?:let|work|load|open|connect|accept|log)|(?:isn't|is not|not|stopped) working|wrong (?:[a-z]+ )?(?:amount|date|address|name|balance|account|figure)|(?:someone|somebody) (?:has|have|'s|had)|(?:a|an) (?:charge|payment|transaction|debit) (?:on|from|for|of|i|that)\b)/iu;

/**
 * An agent's turn that asks, as a recogniser writes it without "?" ("whats the new address",
 * "congratulations which one did you get"): a question, not an acknowledgement ("how lovely" is one).
 */
const UNPUNCTUATED_QUESTION =
  /^(?:(?:ok(?:ay)?|right|and|so|oh|ah|lovely|nice|congratulations|congrats)[,.!]?\s+)?(?:what(?:'?s| is| are| was| do| did)?|whats|where|when|which|who|why|how (?:do|did|does|is|are|was|were|can|could|would|will|long|much|many|old|come|about)|(?:can|could) (?:i|you)|(?:do|did|have|are) you|is (?:it|that|this|there))\b/iu;

/**
 * A call whose every turn after the request reads as background talk at least this much (the
 * agent's that are not script or identity checks, of which there is one at least, and the
 * caller's): the agent never took up a topic ("I think you want a dentist; this is an insurer",
 * "Oh that'll be Jo's, I'll tell her", "This is a customer line") and the caller did not press
 * one ("Oh, sorry", "no worries then"). Its scores are scaled by 1 − that least background
 * (TopicModel.engaged), so a wrong number or a personal call that sounded topical in its first
 * sentence falls below `minScore`. Held out (leave one dev set out, 822 calls): 0.6 topic 738 →
 * 744, "none" 54 → 60 of 66, no set lower; 0.7 743; the agent's turns alone (no caller's
 * reply) also lost a billing call whose agent only promised a call back.
 */
const ENGAGED_MIN_BACKGROUND = 0.6;

/**
 * The agent's script: a turn every sentence of which is an identity check, a hold or a closing
 * ("One moment.", "Anything else?"). A turn that also says something ("I'll change that now.
 * Anything else?", "Okay, one second, so the rent transfer was returned…") is not script: it
 * can be the answer to the request. (Until the nineteenth round a script phrase anywhere made the
 * whole turn script.) A recogniser's unpunctuated turn is one sentence.
 */
const isScript = (text: string): boolean => spokenSentences(text).every(hasScriptPhrase);

/** A script phrase anywhere in the text (an identity check, a hold, a closing). */
const hasScriptPhrase = (text: string): boolean => AGENT_SCRIPT.test(text) || CLOSING.test(text);

/**
 * The agent sends the caller elsewhere (WRONG_PLACE, REFERRED_AWAY) without putting them through
 * to someone who takes the matter up ("I'll put you through to the insurance team").
 */
const sentAway = (text: string): boolean =>
  (WRONG_PLACE.test(text) || REFERRED_AWAY.test(text)) && !TRANSFER.test(text);

/**
 * The turn that sends the caller elsewhere reads as background talk at least this much: the call's
 * scores are scaled far under `minScore`, not zeroed (the ranking, the summary's topic words, stays).
 */
const SENT_AWAY_BACKGROUND = 0.95;

/** The caller thanks or says goodbye ("right you are, cheers"): after being sent elsewhere, not pressing their matter. */
const THANKS = /\b(?:thanks|thank you|cheers|ta|bye|goodbye)\b/iu;

/** The caller takes back what they asked ("scrap that", "forget that", "actually, no", "never mind that", "what I actually want"). */
const WITHDRAWN =
  /\b(?:scrap that|scratch that|forget (?:that|what i said|i said)|ignore (?:that|what i said)|never ?mind (?:that|the)|i(?:'ve| have)? changed my mind|on second thoughts?|what i (?:actually|really) (?:want|need|meant|mean))\b|^(?:(?:oh|ah|um+|er+|sorry|wait|hang on|no)[,.!]?\s+)*actually,? (?:no|wait|hang on|sorry)\b/iu;

/** Every sentence of the turn is a question ("Is there a phone number for HR?"). */
const asksOnly = (text: string): boolean => spokenSentences(text).every((s) => s.trim().endsWith('?'));

/** Unseen words remembered with their nearest known stem (see nearStems). */
const NEAR_CACHE_LIMIT = 50_000;
/** Sentences whose scores are kept (a few calls' worth; cleared when full). */
const TEXT_SCORE_CACHE_LIMIT = 4_000;
/** Calls whose scores are kept (scoreCall): the few calls in flight at once. */
const CALL_SCORE_CACHE_LIMIT = 8;

/**
 * The embedded topic model: a multinomial naive-Bayes classifier over word stems and bigrams
 * (binarised per example, Laplace-smoothed, uniform prior over topics), trained from the
 * taxonomy's examples (plus labelled calls), and a call-structure scorer on top. Pure: the model
 * is a JSON document; adapters read and write the file. (A library classifier was tried first:
 * wink-naive-bayes reports one-vs-rest odds that do not form a distribution, so calls could not
 * be scored as mixtures of turns.)
 *
 * Naive Bayes only knows the words of its examples. With word vectors (config/word-vectors.bin),
 * each class also gets a centroid: the mean of its examples' sentence vectors (word vectors
 * weighted by smooth inverse frequency, so "the" counts little and "overdraft" much), and a turn
 * is scored by its cosine to each centroid too. The two distributions are mixed per turn
 * (`vectorWeight`), so a paraphrase with no example word ("shut it down", "dented the roof")
 * still lands near its topic. The model file keeps the centroids and the vectors' sha256: the
 * same file is refused with other vectors.
 *
 * How a call is scored:
 * - every customer and agent turn gets P(topic | turn) and P(background | turn) — background
 *   is the taxonomy's `background` talk (greetings, identity checks, small talk, closings);
 * - a customer turn is scored without its small-talk and filler sentences ("Sorry, the dog is
 *   barking. So, I'd like to drop the add-on." is scored as its request);
 * - the customer's first request (the first customer turn that is mostly about a topic) weighs
 *   most, the agent's answer to it (their first turn that is not the identity-check or hold
 *   script, core/enrich/call-structure.ts, nor background talk such as sympathy) about as much
 *   as a request, the agent's later turns less and the caller's later turns less again (both
 *   fading over the call), small talk before the request almost nothing; a caller who
 *   opens with the scene ("we went out for my sister's fortieth") and gets only "Lovely." back
 *   asks in their next turn, which is the request;
 * - the weighted evidence becomes a distribution over topics (sharpened by a temperature
 *   fitted on the dev set), times the probability that the call is about any topic at all
 *   (1 - e^(-topical mass / topicMass)): a call of greetings and silence scores low on every
 *   topic, so the taxonomy's `minScore` answers "none of these".
 */
export const TOPIC_MODEL_FORMAT = 'debrief-topic-model/2';
/** Files of the first format (naive Bayes only) still load. */
const TOPIC_MODEL_FORMATS = ['debrief-topic-model/1', TOPIC_MODEL_FORMAT] as const;
const BACKGROUND = '__background__';

export { TopicModelParams };

/** Fitted on the dev set and generated calls (eval/README.md), never on the frozen set. */
export const DEFAULT_TOPIC_MODEL_PARAMS: TopicModelParams = {
  // The customer's first request weighs as much as the agent's answer (1.5 until the twenty-seventh
  // round): held out over 23 dev sets (scripts/cv-dev-sets.ts --params, 1,537 calls) 1.75 / 1.5 /
  // 1.25 / 1.1 / 1.0 / 0.9 / 0.8 gave topic right 1,400 / 1,409 / 1,414 / 1,418 / 1,419 / 1,415 /
  // 1,420 and strict reasons 1,180 / 1,189 / 1,193 / 1,195 / 1,195 / 1,191 / 1,196 of 1,416;
  // generated calls (seeds 1-3) 166 / 163 / 163 / 163 / 162 / 160 / 159 of 180. With the agent's
  // answer to it (answerWeight 1) it still weighs most: the later turns weigh 1.0 and 0.3, fading.
  firstRequestWeight: 1.0,
  // The caller's turns that go on with the request before the agent speaks ("Your app's just
  // told me to ring you. Red screen." / "I put the numbers in a few times…"): 0.75 of a request
  // each (nineteenth round; see TopicModelParams.continuationWeight).
  continuationWeight: 0.75,
  customerWeight: 0.3,
  // The agent's turns after the answer (what was found, done or promised) often say what the call
  // was about when the caller told a story in another topic's words ("the garage wrote it off" /
  // "I'll cancel the motor policy"): 0.6 → 0.8 in the eighteenth round, with `temperature` 1 → 0.9;
  // 0.8 → 1.0 in the thirty-seventh: held out over 32 dev sets (scripts/cv-dev-sets.ts --params,
  // 2,122 calls) 0.7 / 0.8 / 0.9 / 1.0 / 1.1 / 1.25 / 1.4 gave topic right 1,957 / 1,958 / 1,964 /
  // 1,965 / 1,966 / 1,966 / 1,963, strict reasons 1,649 / 1,650 / 1,655 / 1,656 / 1,657 / 1,657 /
  // 1,655 of 1,956, "none" 153 of 166 for each; generated calls (seeds 1-3)
  // 157 / 157 / 158 / 157 / 156 / 155 / 154 of 180: 1.0, where the generated calls do not lose. With
  // it, the agent hearing the caller before the answer ("I'm sorry to hear that.") weighs nothing
  // (scoreCallOnce): at 1.0 its topical half tipped a billing call to cancellation; held out, no
  // set's topic or strict figure moved, top 3 1,943 → 1,942, generated 157 → 158.
  agentWeight: 1.0,
  preRequestWeight: 0.4,
  halfLifeTurns: 8,
  requestMaxBackground: 0.5,
  // Sharpens the call's distribution over topics: the agent's later turns, weighed more since the
  // eighteenth round, spread evidence over several topics (generated calls' agents chat about
  // other matters), which flattened a topical call's best share under `minScore`. Held out (leave
  // one dev set out, 952 calls): agentWeight 0.8 with temperature 0.9 topic 861 → 866 (dev, dev10,
  // dev13 +1, dev12 +2, no set lower), top 3 871 → 872, "none" 69 unchanged; temperature 0.85 /
  // 0.95 866 / 866 (generated calls 57/58/55 / 56/57/55 against 57/57/55), 0.8 "none" −1;
  // agentWeight 0.8 alone 865 but generated calls 56/56/54; 0.7: 864; 0.9: 865 with dev9 −1.
  temperature: 0.9,
  turnPower: 1,
  splitSentences: false,
  answerWeight: 1,
  identityWeight: 0,
  dropSmallTalk: true,
  topicMass: 1.2,
  smoothing: 0.7,
  backgroundPrior: 2,
  // How much a word many topics use says less (0.4 until the thirty-third round): held out over 28
  // dev sets (scripts/cv-dev-sets.ts --params, 1,862 calls) 0.4 / 0.5 / 0.6 / 0.7 / 0.85 / 1 gave
  // topic right 1,708 / 1,714 / 1,719 / 1,725 / 1,729 / 1,721, "none" 130 / 133 / 135 / 136 / 139 /
  // 138 of 146, strict reasons 1,464 / 1,464 / 1,468 / 1,472 / 1,473 / 1,468 of 1,716, intents
  // 1,167 / 1,167 / 1,168 / 1,170 / 1,173 / 1,168 of 1,376; generated calls (seeds 1-3) 162 / – /
  // 160 / 160 / 159 / 157 of 180 (the generator's words are the taxonomy's own examples').
  specificity: 0.85,
  vectorWeight: 0.3,
  // A logistic regression over naive Bayes's features, trained on the same examples, takes this
  // share of how a turn splits over the topics (thirty-eighth round; naive Bayes alone says how
  // topical it is). Held out over 33 dev sets (scripts/cv-dev-sets.ts --params, 2,187 calls),
  // against none: topic right 2,022 → 2,035, top 3 2,002 → 2,010, "none" 158 of 171 both, strict
  // reasons 1,705 → 1,717 of 2,016, intents 1,437 → 1,449 of 1,676, generated calls (seeds 1-3)
  // 159 → 161 of 180; 23 sets moved, the most lost by one set 2 calls, the sets written last gained
  // most (dev24 to dev27 +10). Weight 0.3 / 0.4 / 0.5 (L2 1e-3 for 0.5): topic 2,030 / 2,028 /
  // 2,024; L2 1e-4 / 3e-4 / 1e-3 at 0.3: 2,025 / 2,030 / 2,030, generated 165 / 161 / 155 (those
  // with every feature and 150 steps; LOGISTIC_TRAINING's cheaper training gave 2,035).
  logisticWeight: 0.3,
  logisticL2: 3e-4,
  vectorSharpness: 20,
  vectorSifA: 1e-4,
  vectorNear: 0.6,
  // Fitted on the dev sets' held-out scores (scripts/fit-topic-priors.ts, λ 0.05, T 0.5): leave one
  // dev set out, priors fitted on the other sets' held-out scores. Twenty-sixth round, 22 dev sets:
  // topic right 1,344 → 1,352 of 1,472; λ 0.01 (priors about twice these) gained 1,354 but cost
  // generated calls 5 of 180 (weak billing calls fell under minScore); λ 0.05 costs 3 of 180; λ 0.1
  // gained 1,347. Fitted again in the twenty-seventh round with dev23 learned (23 dev sets: nested
  // 1,403 → 1,406 of 1,537), and again with firstRequestWeight 1.0 (nested 1,412 → 1,416).
  topicPriors: {
    billing: -0.13,
    payments: -0.06,
    cancellation: 0.08,
    account_access: -0.05,
    technical_support: 0.08,
    claims: 0.04,
    address_change: 0.02,
    fraud_report: -0.07,
    retirement_plan: 0.06,
    general_inquiry: 0.02,
  },
};

export const TopicModelFile = z.object({
  format: z.enum(TOPIC_MODEL_FORMATS),
  /** `<taxonomy version>` for a model of the taxonomy alone, `+<n>calls` when labelled calls were added. */
  version: z.string(),
  taxonomyVersion: z.string(),
  topics: z.array(z.object({ id: z.string(), label: z.string() })).min(2),
  // Files of format 1 have no vector settings: they count for nothing there.
  params: TopicModelParams.extend({
    vectorWeight: TopicModelParams.shape.vectorWeight.default(0),
    // Files written before it: no logistic regression.
    logisticWeight: TopicModelParams.shape.logisticWeight.default(0),
    logisticL2: TopicModelParams.shape.logisticL2.default(1e-3),
    vectorSharpness: TopicModelParams.shape.vectorSharpness.default(10),
    vectorSifA: TopicModelParams.shape.vectorSifA.default(1e-4),
    vectorNear: TopicModelParams.shape.vectorNear.default(1),
    // Files written before these settings: customer turns scored whole, and the agent's answer
    // weighed as the first agent turn after the request was (0.6 / (1 + 1/8) with that round's
    // agentWeight and halfLifeTurns), though it is now the first turn that is not script.
    answerWeight: TopicModelParams.shape.answerWeight.default(0.6 / (1 + 1 / 8)),
    dropSmallTalk: TopicModelParams.shape.dropSmallTalk.default(false),
    // Files written before it: identity checks weighed as any agent turn.
    identityWeight: TopicModelParams.shape.identityWeight.default(1),
    // Files written before it: plain naive Bayes.
    specificity: TopicModelParams.shape.specificity.default(0),
    // Files written before it: the caller's turns after the request weighed as later turns.
    continuationWeight: TopicModelParams.shape.continuationWeight.default(0),
    // Files written before it: no topic favoured.
    topicPriors: TopicModelParams.shape.topicPriors.default({}),
  }),
  training: z.object({
    examples: z.record(z.string(), z.number().int().nonnegative()),
    background: z.number().int().nonnegative(),
    labelledCalls: z.number().int().nonnegative(),
    /**
     * Fingerprints of the labelled calls' turns (sorted; see trainingFingerprint), so an
     * evaluation can say which of its calls the model was trained on. Absent: none recorded.
     */
    callFingerprints: z.array(z.string()).optional(),
  }),
  /** Per class (topic labels and `__background__`): examples seen and how many held each feature. */
  naiveBayes: z.object({
    smoothing: z.number().positive(),
    /** Prior weight of the background class relative to one topic. */
    backgroundPrior: z.number().positive(),
    classes: z.array(
      z.object({
        label: z.string(),
        examples: z.number().int().nonnegative(),
        features: z.record(z.string(), z.number().int().positive()),
      }),
    ),
  }),
  /** The word-vector classifier: per class the unit centroid of its examples' sentence vectors. */
  vectors: z
    .object({
      source: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/u),
      centroids: z.array(z.object({ label: z.string(), vector: z.array(z.number()) })),
      /** Per naive-Bayes stem, the word it was most often seen as (its vector stands for the stem). */
      words: z.record(z.string(), z.string()).default({}),
    })
    .optional(),
  /** The logistic regression (topic-logistic.ts): per class a bias, per feature a weight per class. */
  logistic: z
    .object({
      classes: z.array(z.string()),
      bias: z.array(z.number()),
      weights: z.record(z.string(), z.array(z.number())),
    })
    .optional(),
});
export type TopicModelFile = z.infer<typeof TopicModelFile>;

/** How speech recognisers and people write the same thing: merged before tokenising. */
const SPOKEN_FORMS: readonly [RegExp, string][] = [
  [/\b(?:four|4)[\s-]*(?:oh|o|zero|0)[\s-]*(?:one|1)[\s-]*\(?k\)?(?![a-z])/gu, ' 401k '],
  [/\b401\s*\(?k\)?(?![a-z])/gu, ' 401k '],
  [/\b(?:i\s*\.?\s*r\s*\.?\s*a\b\.?|eye\s+are\s+a\b)/gu, ' ira '],
  [/\bpass\s+word\b/gu, ' password '],
  [/\buser\s*(?:name|id)\b/gu, ' username '],
  [/\b(?:log|sign)(?:ged|ging)?\s*(?:in|on)(?:to)?\b/gu, ' login '],
  [/\be[\s-]*mail/gu, ' email'],
  [/\bon\s*line\b/gu, ' online '],
  [/\bauto\s*pay\b/gu, ' autopay '],
  [/\bpay\s*off\b/gu, ' payoff '],
  [/\b(?:c\s+d|c\.d\.)\b/gu, ' cd '],
  [/\ba\s+p\s+[ry]\b/gu, ' apy '],
  [/\bp\s+i\s+n\b/gu, ' pin '],
  [/\ba\s+t\s+m\b/gu, ' atm '],
  [/\bpaper\s+less\b/gu, ' paperless '],
  [/\bwi[\s-]*fi\b/gu, ' wifi '],
  // Compounds a recogniser writes as two words.
  [/\bweb\s+site/gu, ' website'],
  [/\bover\s+draft/gu, ' overdraft'],
  [/\bwith\s+draw(al|n|s)?\b/gu, ' withdraw$1 '],
  [/\bcheck\s+book/gu, ' checkbook'],
  [/\bhome\s+owner/gu, ' homeowner'],
  [/\bpay\s+check/gu, ' paycheck'],
  [/\bre\s+set\b/gu, ' reset '],
  [/\bun\s+lock/gu, ' unlock'],
  [/\bpass\s+code/gu, ' passcode'],
  [/\bwind\s+shield/gu, ' windshield'],
  [/\[pii\]/gu, ' '],
];

const normalise = (text: string): string => {
  let t = text.toLowerCase().replace(/[\u2018\u2019]/gu, "'");
  t = t.replace(/\bpass\s+(word|code)\b/gu, ' pass$1 ');
  for (const [pattern, replacement] of SPOKEN_FORMS) t = t.replace(pattern, replacement);
  return t;
};

/**
 * The caller disowns something done on the account ("I never made these", "didn't sign up for",
 * "I don't recognise it", "wasn't me", "never heard of them") or says someone else acted
 * ("someone got into my banking", "a man rang claiming…"): however it is worded, one feature, so
 * every way the examples say it teaches the same thing (fraud told by its consequence).
 */
const DISOWNED =
  /\b(?:(?:i|we|my (?:husband|wife|partner))\s+(?:\w+ly\s+)?(?:have\s+|had\s+)?(?:never|didn'?t|did not|haven'?t|have not|did)\s+(?:even\s+|ever\s+|actually\s+|\w+ly\s+)?(?:made|make|authori[sz]e|authori[sz]ed|sign(?:ed)? up|signed|order|ordered|buy|bought|spend|spent|take|took|open|opened|apply|applied|request|requested|ask(?:ed)? for|hear(?:d)? of|been to|withdr[ae]w|withdrawn|send|sent|transfer(?:red)?|approve|approved)|(?:don'?t|do not|didn'?t|did not)\s+recogni[sz]e|(?:wasn'?t|was not|weren'?t|were not|isn'?t|is not|not)\s+(?:me|mine|us|ours)\b|never\s+(?:even\s+)?(?:heard of|been to|signed up|applied|authori[sz]ed|made|opened|ordered|asked for)|\b(?:(?:has|have|had|'ve|'s)\s+(?:been\s+)?(?:emptied|drained|cleaned out|cleared out|wiped out)|(?:emptied|drained|cleaned out|cleared out|wiped out)\s+my\s+(?:account|savings|current|checking|card))\b|\b(?:someone|somebody|a stranger|some (?:man|guy|woman|person|one|thief|crook|scammer|fraudster|criminal|scumbag|lowlife|chancer|joker|toerag|idiot)|a (?:man|guy|woman|scammer|fraudster|thief|crook))\s+(?:else\s+)?(?:has\s+|had\s+|must have\s+|is\s+|was\s+)?(?:got|gotten|get|getting|used|using|took|taken|changed|opened|logged|hacked|broke|withdrew|stole|rang|called|phoned|pretend|pretended|pretending|claiming|claimed|said he|said she|texted|emailed)\b)/u;
export const DISOWNED_FEATURE = '_disowned';

/**
 * A scam told by what happened next, the same feature: the trader or seller who took the money
 * and "never came back", the advert or listing gone, money asked for "up front", a purchase the
 * caller only learnt of ("apparently I bought…"). Not an engineer who never turned up.
 */
const SCAMMED =
  /\b(?:apparently (?:i|we|my (?:husband|wife|partner|card)) (?:have |has |had |'ve )?(?:bought|spent|ordered|paid|signed up|took out|taken out|sent|withdrew)|(?:he|she|they|the (?:man|guy|woman|seller|builder|trader|bloke)) (?:has |have )?never (?:came back|come back|turned up|showed up|delivered|sent (?:it|them|anything))|(?:money|deposit|cash|payment)\b[^.]{0,60}\b(?:and|but) (?:then )?never (?:came back|turned up|showed up|delivered)|(?:advert|listing|website|profile|ad)(?:'s| has| is)? (?:gone|vanished|disappeared|been taken down|been deleted)|(?:paid|sent|gave|wanted|asked for)\b[^.]{0,40}\bup front\b)/u;

/**
 * The normalised tokens of a text without stop words, what naive Bayes's features and the
 * sentence vector both start from. A sentence is read by naive Bayes, the vectors and the
 * near-stem lookup in turn: tokenised once (the last text is kept; the result is never modified).
 */
let lastText: string | null = null;
let lastTokens: readonly string[] = [];
let lastDisowned = false;
const contentTokens = (text: string): readonly string[] => {
  if (text !== lastText) {
    const normalised = normalise(text);
    lastTokens = nlp.tokens.removeWords(nlp.string.tokenize0(nlp.string.amplifyNotElision(normalised)));
    lastDisowned = DISOWNED.test(normalised) || SCAMMED.test(normalised);
    lastText = text;
  }
  return lastTokens;
};

/** A word's Porter2 stem (what nlp.tokens.stem gives it), remembered: stemming is pure. */
const STEM_CACHE_LIMIT = 100_000;
const stems = new Map<string, string>();
const stemOf = (word: string): string => {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = nlp.tokens.stem([word])[0] ?? word;
    if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
    stems.set(word, stem);
  }
  return stem;
};

/** Stems without stop words, plus bigrams of neighbouring stems ("late_fee", "pay_off"). */
export const topicFeatures = (text: string): string[] => {
  const stems = contentTokens(text)
    .map(stemOf)
    .filter((s) => s.length > 1 || /\d/u.test(s));
  const bigrams = stems.slice(1).map((s, i) => `${stems[i]}_${s}`);
  // contentTokens(text) above read it too.
  return lastDisowned ? [...stems, ...bigrams, DISOWNED_FEATURE] : [...stems, ...bigrams];
};

/**
 * Regular expressions used per word are made once, here: the build (esbuild, for Node 20)
 * writes a `\p{…}` literal as `new RegExp(…)`, which inside a callback would make one per word.
 */
const STARTS_WITH_LETTER = /^\p{L}/u;
const HAS_LETTER = /\p{L}/u;

/** How many words of a text have a letter in them (a bare "4" or "—" is no word). */
const wordCount = (text: string): number => text.split(/\s+/u).filter((w) => HAS_LETTER.test(w)).length;

/** Words of a text for its sentence vector: the normalised tokens without stop words. */
const vectorWords = (text: string): string[] => contentTokens(text).filter((w) => STARTS_WITH_LETTER.test(w));

/**
 * A text's sentence vector: word vectors weighted by smooth inverse frequency (a / (a + p(w)),
 * p(w) from the word's frequency rank by Zipf's law), unit length; null when no word is known.
 */
export const sentenceVector = (text: string, vectors: WordVectors, sifA: number): Float32Array | null => {
  const sum = new Float32Array(vectors.dims);
  let any = false;
  for (const word of vectorWords(text)) {
    const v = vectors.vector(word);
    if (v === undefined) continue;
    const p = 0.1 / (vectors.rank(word)! + 10);
    const weight = sifA / (sifA + p);
    for (let d = 0; d < sum.length; d += 1) sum[d] = sum[d]! + weight * v[d]!;
    any = true;
  }
  if (!any) return null;
  // Math.hypot(...sum), the same double without spreading the numbers into arguments.
  const norm = hypot(sum);
  if (norm === 0) return null;
  for (let d = 0; d < sum.length; d += 1) sum[d] = sum[d]! / norm;
  return sum;
};

/** Sums sentence vectors per class; exports rounded unit centroids (same data, same bytes). */
class CentroidTrainer {
  private readonly sums = new Map<string, Float32Array>();
  private readonly stemWords = new Map<string, Map<string, number>>();

  constructor(
    private readonly vectors: WordVectors,
    private readonly sifA: number,
  ) {}

  learn(text: string, label: string): void {
    for (const word of vectorWords(text)) {
      if (this.vectors.vector(word) === undefined) continue;
      const stem = stemOf(word);
      const seen = this.stemWords.get(stem) ?? new Map<string, number>();
      seen.set(word, (seen.get(word) ?? 0) + 1);
      this.stemWords.set(stem, seen);
    }
    const v = sentenceVector(text, this.vectors, this.sifA);
    if (v === null) return;
    const sum = this.sums.get(label) ?? new Float32Array(this.vectors.dims);
    for (let d = 0; d < sum.length; d += 1) sum[d] = sum[d]! + v[d]!;
    this.sums.set(label, sum);
  }

  export(): NonNullable<TopicModelFile['vectors']> {
    return {
      source: this.vectors.source,
      sha256: this.vectors.hash,
      centroids: [...this.sums.entries()].map(([label, sum]) => {
        const norm = Math.hypot(...sum) || 1;
        return { label, vector: [...sum].map((x) => Math.round((x / norm) * 1e4) / 1e4) };
      }),
      words: Object.fromEntries(
        [...this.stemWords.entries()]
          .sort((a, b) => a[0].localeCompare(b[0]))
          .map(([stem, seen]) => [
            stem,
            [...seen.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0],
          ]),
      ),
    };
  }
}

/** Learns examples per class; each feature counts once per example (presence, not counts). */
class NaiveBayesTrainer {
  private readonly classes = new Map<string, { examples: number; features: Map<string, number> }>();

  learn(text: string, label: string): void {
    const c = this.classes.get(label) ?? { examples: 0, features: new Map<string, number>() };
    c.examples += 1;
    for (const f of new Set(topicFeatures(text))) c.features.set(f, (c.features.get(f) ?? 0) + 1);
    this.classes.set(label, c);
  }

  export(smoothing: number, backgroundPrior: number): TopicModelFile['naiveBayes'] {
    return {
      smoothing,
      backgroundPrior,
      classes: [...this.classes.entries()].map(([label, c]) => ({
        label,
        examples: c.examples,
        // Sorted so the same training data always gives the same bytes (and hash).
        features: Object.fromEntries([...c.features.entries()].sort((a, b) => a[0].localeCompare(b[0]))),
      })),
    };
  }
}

/** log P(features | class) tables, ready to score. */
class NaiveBayes {
  private readonly vocabulary: Set<string>;
  private readonly classes: { label: string; logPrior: number; log: Map<string, number>; unseen: number }[];
  /** Per feature, the weight of its log-likelihood (1 when absent). */
  private readonly weight = new Map<string, number>();

  constructor(nb: TopicModelFile['naiveBayes'], specificity: number) {
    this.vocabulary = new Set(nb.classes.flatMap((c) => Object.keys(c.features)));
    const v = this.vocabulary.size;
    // Features used by many classes say less (TopicModelParams.specificity).
    const df = new Map<string, number>();
    for (const c of nb.classes) for (const f of Object.keys(c.features)) df.set(f, (df.get(f) ?? 0) + 1);
    const k = nb.classes.length;
    if (specificity > 0)
      for (const [f, d] of df) this.weight.set(f, (Math.log(1 + k / d) / Math.log(1 + k)) ** specificity);
    const topics = nb.classes.filter((c) => c.label !== BACKGROUND).length;
    this.classes = nb.classes.map((c) => {
      const total = Object.values(c.features).reduce((a, b) => a + b, 0);
      const denominator = Math.log(total + nb.smoothing * v);
      const prior = c.label === BACKGROUND ? nb.backgroundPrior : 1;
      return {
        label: c.label,
        logPrior: Math.log(prior / (topics + nb.backgroundPrior)),
        log: new Map(
          Object.entries(c.features).map(([f, n]) => [f, Math.log(n + nb.smoothing) - denominator]),
        ),
        unseen: Math.log(nb.smoothing) - denominator,
      };
    });
  }

  knows(feature: string): boolean {
    return this.vocabulary.has(feature);
  }

  /**
   * Per known feature, its log-likelihood in every class in class order (the class's `unseen`
   * where it never held it): one look-up per feature instead of one per feature and class. Made
   * the first time a text has the feature; at most one per vocabulary word.
   */
  private readonly rows = new Map<string, Float64Array>();

  private row(feature: string): Float64Array {
    let row = this.rows.get(feature);
    if (row === undefined) {
      row = Float64Array.from(this.classes, (c) => c.log.get(feature) ?? c.unseen);
      this.rows.set(feature, row);
    }
    return row;
  }

  /** Adds `weight` times a known feature's log-likelihoods to the classes' sums. */
  private add(logs: number[], weight: number, feature: string): void {
    const row = this.row(feature);
    for (let k = 0; k < logs.length; k += 1) logs[k] = logs[k]! + weight * row[k]!;
  }

  /**
   * P(class | text) for every class (sums to 1); null when no feature is known. `extra`: known
   * features standing in for words the model never saw, each counted `weight` times.
   */
  posterior(
    text: string,
    extra: readonly { feature: string; weight: number }[] = [],
  ): Map<string, number> | null {
    const features = [...new Set(topicFeatures(text))].filter((f) => this.vocabulary.has(f));
    const more = extra.filter((e) => this.vocabulary.has(e.feature) && !features.includes(e.feature));
    if (features.length === 0 && more.length === 0) return null;
    // Per class: its prior, plus each feature's weighted log-likelihood, then each extra's, in
    // that order (the same sums as a reduce per class over the features, then over the extras).
    const logs = this.classes.map((c) => c.logPrior);
    for (const f of features) this.add(logs, this.weight.get(f) ?? 1, f);
    for (const e of more) this.add(logs, e.weight * (this.weight.get(e.feature) ?? 1), e.feature);
    const max = Math.max(...logs);
    const exp = logs.map((l) => Math.exp(l - max));
    const sum = exp.reduce((a, b) => a + b, 0);
    return new Map(this.classes.map((c, i) => [c.label, exp[i]! / sum]));
  }
}

export interface LabelledText {
  topic: string;
  text: string;
}

/** A call labelled by an analyst: its topic (null: about none of the topics) and its spoken turns in order. */
export interface LabelledCallTurns {
  topic: string | null;
  turns: readonly { role: TurnRole; text: string }[];
}

/**
 * What labelled calls teach, ready to learn (see callLessons): sentences per topic, talk
 * about no topic (learned with the taxonomy's background), how many calls and their fingerprints.
 * `config/topic-calls.json` holds the dev sets' lessons (scripts/write-generated.ts writes it).
 */
export const CallLessons = z.object({
  calls: z.number().int().nonnegative(),
  fingerprints: z.array(z.string()),
  examples: z.array(z.object({ topic: z.string(), text: z.string() })),
  background: z.array(z.string()),
});
export type CallLessons = z.infer<typeof CallLessons>;

/** A turn before the request teaches background talk when the taxonomy's model reads it as background at least this much. */
const CHATTER_BACKGROUND = 0.8;

export class TopicModelError extends Error {
  override readonly name = 'TopicModelError';
}

/**
 * A labelled call's identity for "was this model trained on it": sha256 of its turns (role and
 * text), so the same call is recognised under another id or file name. 16 hex digits.
 */
export const trainingFingerprint = (turns: readonly { role: TurnRole; text: string }[]): string =>
  createHash('sha256')
    .update(JSON.stringify(turns.map((t) => [t.role, t.text.trim()])))
    .digest('hex')
    .slice(0, 16);

const serialise = (file: TopicModelFile): string => `${JSON.stringify(file, null, 1)}\n`;

/** sha256 of the model file's bytes: what lineage records. */
export const topicModelHash = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface TrainedTopicModel {
  file: TopicModelFile;
  /** The file's text (what is written and hashed). */
  text: string;
  hash: string;
}

const build = (
  taxonomy: Taxonomy,
  lessons: CallLessons,
  params: TopicModelParams,
  vectors: WordVectors | undefined,
): TrainedTopicModel => {
  const { examples: extra, background, calls: labelledCalls, fingerprints } = lessons;
  const nb = new NaiveBayesTrainer();
  const centroids = vectors === undefined ? undefined : new CentroidTrainer(vectors, params.vectorSifA);
  const logisticExamples: LogisticExample[] = [];
  const classifier = {
    learn: (text: string, label: string) => {
      nb.learn(text, label);
      centroids?.learn(text, label);
      if (params.logisticWeight > 0) logisticExamples.push({ features: topicFeatures(text), label });
    },
  };
  const counts: Record<string, number> = {};
  const labelOf = new Map(taxonomy.topics.map((t) => [t.id, t.label]));
  for (const topic of taxonomy.topics) {
    classifier.learn(topic.description, topic.label);
    for (const example of topic.examples) classifier.learn(example, topic.label);
    counts[topic.id] = topic.examples.length;
  }
  for (const item of extra) {
    const label = labelOf.get(item.topic);
    if (label === undefined) throw new TopicModelError(`unknown topic ${item.topic} (not in the taxonomy)`);
    classifier.learn(item.text, label);
    counts[item.topic] = (counts[item.topic] ?? 0) + 1;
  }
  // A label no caller asks for (the taxonomy forbids it as an id): it soaks up the generic words.
  for (const phrase of [...taxonomy.background, ...background]) classifier.learn(phrase, BACKGROUND);
  const file: TopicModelFile = {
    format: TOPIC_MODEL_FORMAT,
    version: labelledCalls > 0 ? `${taxonomy.version}+${labelledCalls}calls` : taxonomy.version,
    taxonomyVersion: taxonomy.version,
    topics: taxonomy.topics.map((t) => ({ id: t.id, label: t.label })),
    params,
    training: {
      examples: counts,
      background: taxonomy.background.length + background.length,
      labelledCalls,
      ...(fingerprints.length > 0 ? { callFingerprints: [...new Set(fingerprints)].sort() } : {}),
    },
    naiveBayes: nb.export(params.smoothing, params.backgroundPrior),
    ...(centroids === undefined ? {} : { vectors: centroids.export() }),
    ...(params.logisticWeight > 0
      ? {
          logistic: trainLogistic(logisticExamples, { ...LOGISTIC_TRAINING, l2: params.logisticL2 }),
        }
      : {}),
  };
  const text = serialise(file);
  return { file, text, hash: topicModelHash(text) };
};

/** Known stems and their vectors packed one after another (TopicModel's nearest-stem search). */
const packKnown = (
  known: readonly { stem: string; vector: Float32Array }[],
  dims: number,
): { knownStems: string[]; knownVectors: Float32Array } => {
  const knownVectors = new Float32Array(known.length * dims);
  // Every vector of one WordVectors has its `dims` numbers (word-vectors.ts checks the file).
  known.forEach((k, i) => {
    knownVectors.set(k.vector, i * dims);
  });
  return { knownStems: known.map((k) => k.stem), knownVectors };
};

export interface ScoredTurn {
  role: TurnRole;
  text: string;
  /** Index of the turn it came from (a turn may give several sentences). */
  turn: number;
  /** P(label | turn) per topic id, and P(background | turn). */
  topics: ReadonlyMap<string, number>;
  background: number;
  /** The agent's script (identity checks, holds, closings). */
  script: boolean;
  /** The agent asks who is calling (name, date of birth, the phone number on file: isIdentityCheck). */
  identity: boolean;
  /** A customer turn of nothing but small talk and filler ("Hold on.", "My name is [PII]."): never the request. */
  chatter: boolean;
  /** A second matter the caller adds in the same turn ("Oh, and I've moved…"): weighs as a later turn. */
  addition: boolean;
}

/**
 * `base`'s distribution with its topical share split `1 - w` as `base` splits it and `w` as `other`
 * does; P(background) stays `base`'s.
 */
const mixTopicalSplit = (
  base: ReadonlyMap<string, number>,
  other: ReadonlyMap<string, number>,
  w: number,
): Map<string, number> => {
  const topical = 1 - (base.get(BACKGROUND) ?? 0);
  const otherTopical = 1 - (other.get(BACKGROUND) ?? 0);
  return new Map(
    [...base.entries()].map(([label, p]) => {
      if (label === BACKGROUND) return [label, p];
      const baseShare = topical === 0 ? 0 : p / topical;
      const otherShare = otherTopical === 0 ? 0 : (other.get(label) ?? 0) / otherTopical;
      return [label, topical * ((1 - w) * baseShare + w * otherShare)];
    }),
  );
};

/** A loaded model: scores turns and calls. */
export class TopicModel {
  readonly file: TopicModelFile;
  readonly hash: string;
  private readonly classifier: NaiveBayes;
  private readonly idByLabel: Map<string, string>;
  private readonly logistic: {
    classes: readonly string[];
    bias: readonly number[];
    weights: ReadonlyMap<string, readonly number[]>;
  } | null;
  private readonly vectors: {
    words: WordVectors;
    centroids: { label: string; vector: Float32Array }[];
    /**
     * Stems naive Bayes knows, with the vector of the word each was seen as: stem i's vector is
     * `knownVectors[i * dims, (i + 1) * dims)`, one block of memory the nearest-stem search reads
     * straight through.
     */
    knownStems: string[];
    knownVectors: Float32Array;
  } | null;

  /** `vectors`: the word vectors the model was trained with (required when it was). */
  constructor(text: string, vectors?: WordVectors) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new TopicModelError(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const result = TopicModelFile.safeParse(parsed);
    if (!result.success)
      throw new TopicModelError(`not a ${TOPIC_MODEL_FORMAT} file: ${result.error.message}`);
    this.file = result.data;
    this.hash = topicModelHash(text);
    this.classifier = new NaiveBayes(this.file.naiveBayes, this.file.params.specificity);
    this.idByLabel = new Map(this.file.topics.map((t) => [t.label, t.id]));
    const logistic = this.file.logistic;
    this.logistic =
      logistic === undefined
        ? null
        : {
            classes: logistic.classes,
            bias: logistic.bias,
            weights: new Map(Object.entries(logistic.weights)),
          };
    const trained = this.file.vectors;
    if (trained === undefined) this.vectors = null;
    else {
      if (vectors === undefined)
        throw new TopicModelError(`trained with word vectors ${trained.source}: load them with the model`);
      if (vectors.hash !== trained.sha256)
        throw new TopicModelError(
          `trained with word vectors ${trained.source} (sha256 ${trained.sha256.slice(0, 12)}), given ${vectors.source} (sha256 ${vectors.hash.slice(0, 12)})`,
        );
      this.vectors = {
        words: vectors,
        centroids: trained.centroids.map((c) => ({ label: c.label, vector: Float32Array.from(c.vector) })),
        ...packKnown(
          Object.entries(trained.words).flatMap(([stem, word]) => {
            const vector = vectors.vector(word);
            return vector === undefined || !this.classifier.knows(stem) ? [] : [{ stem, vector }];
          }),
          vectors.dims,
        ),
      };
    }
  }

  /** The word vectors the model uses (null for a naive-Bayes-only model). */
  get wordVectors(): WordVectors | null {
    return this.vectors?.words ?? null;
  }

  /** P(class | text) from the cosine to each class centroid; null when no word has a vector. */
  private vectorPosterior(text: string): Map<string, number> | null {
    if (this.vectors === null) return null;
    const v = sentenceVector(text, this.vectors.words, this.params.vectorSifA);
    if (v === null) return null;
    const beta = this.params.vectorSharpness;
    const cos = (u: Float32Array) => {
      let dot = 0;
      for (let d = 0; d < v.length; d += 1) dot += v[d]! * u[d]!;
      return dot;
    };
    const logits = this.vectors.centroids.map((c) => beta * cos(c.vector));
    const max = Math.max(...logits);
    const exp = logits.map((l) => Math.exp(l - max));
    const sum = exp.reduce((a, b) => a + b, 0);
    return new Map(this.vectors.centroids.map((c, i) => [c.label, exp[i]! / sum]));
  }

  /** Words of the text naive Bayes never saw, as the nearest stems it knows (cosine ≥ vectorNear). */
  private nearStems(text: string): { feature: string; weight: number }[] {
    if (this.vectors === null || this.params.vectorNear >= 1) return [];
    const out: { feature: string; weight: number }[] = [];
    for (const word of vectorWords(text)) {
      let found = this.nearCache.get(word);
      if (found === undefined) {
        found = this.nearStem(word);
        // The answer depends on the word and the model only; bounded so a long run cannot grow it without end.
        if (this.nearCache.size >= NEAR_CACHE_LIMIT) this.nearCache.clear();
        this.nearCache.set(word, found);
      }
      if (found !== null) out.push(found);
    }
    return out;
  }

  private readonly nearCache = new Map<string, { feature: string; weight: number } | null>();

  /** The known stem nearest an unseen word (null: the word is known, has no vector, or none is near). */
  private nearStem(word: string): { feature: string; weight: number } | null {
    if (this.vectors === null) return null;
    const stem = stemOf(word);
    if (this.classifier.knows(stem)) return null;
    const v = this.vectors.words.vector(word);
    if (v === undefined) return null;
    let best = this.params.vectorNear;
    let near: string | null = null;
    const { knownStems, knownVectors } = this.vectors;
    const dims = v.length;
    for (let i = 0, at = 0; i < knownStems.length; i += 1, at += dims) {
      let dot = 0;
      for (let d = 0; d < dims; d += 1) dot += v[d]! * knownVectors[at + d]!;
      if (dot >= best) {
        best = dot;
        near = knownStems[i]!;
      }
    }
    return near === null ? null : { feature: near, weight: best };
  }

  /**
   * Naive Bayes mixed with the word-vector classifier. Whether a text is about a topic at all
   * (P(background)) stays naive Bayes's (the background talk is too varied for one centroid);
   * how that topical share splits over the topics is mixed. When naive Bayes knows no word of
   * the text, the vectors alone say which topic and how topical (background centroid included).
   */
  private posterior(text: string): Map<string, number> | null {
    const mixed = this.nbVectorPosterior(text);
    const u = this.params.logisticWeight;
    if (mixed === null || u === 0 || this.logistic === null) return mixed;
    const lr = logisticPosterior(this.logistic, topicFeatures(text));
    return lr === null ? mixed : mixTopicalSplit(mixed, lr, u);
  }

  private nbVectorPosterior(text: string): Map<string, number> | null {
    const nb = this.classifier.posterior(text, this.nearStems(text));
    const w = this.params.vectorWeight;
    if (w === 0 || this.vectors === null) return nb;
    const vec = this.vectorPosterior(text);
    if (vec === null) return nb;
    if (nb === null) return vec;
    return mixTopicalSplit(nb, vec, w);
  }

  get params(): TopicModelParams {
    return this.file.params;
  }

  /**
   * P(topic | text) per topic id and P(background | text); null when no word is known. The
   * answer depends on the text and the model only, so it is remembered: a call's sentences are
   * scored by DetectTopics and again by the summarizer (its topic and its reason for calling),
   * and small talk is judged sentence by sentence before the turn is. Callers only read it.
   */
  scoreText(text: string): Readonly<{ topics: ReadonlyMap<string, number>; background: number }> | null {
    let scored = this.textScores.get(text);
    if (scored === undefined) {
      scored = this.scoreTextOnce(text);
      // Bounded: a long run cannot grow it without end.
      if (this.textScores.size >= TEXT_SCORE_CACHE_LIMIT) this.textScores.clear();
      this.textScores.set(text, scored);
    }
    return scored;
  }

  private readonly textScores = new Map<
    string,
    Readonly<{ topics: ReadonlyMap<string, number>; background: number }> | null
  >();

  private scoreTextOnce(text: string): { topics: Map<string, number>; background: number } | null {
    const posterior = this.posterior(text);
    if (posterior === null) return null;
    const topics = new Map<string, number>();
    let background = 0;
    for (const [label, p] of posterior) {
      if (label === BACKGROUND) background = p;
      else {
        const id = this.idByLabel.get(label);
        if (id !== undefined) topics.set(id, p);
      }
    }
    return { topics, background };
  }

  /**
   * Every sentence of the customer's and agent's turns, scored: a turn that opens with small
   * talk and then states the request ("Long week. Anyway, my card was stolen.") is two pieces
   * of evidence, not one lukewarm one. (ASR text without punctuation stays one piece.)
   */
  /** A customer turn without its small-talk and filler sentences; null when that is all it has. */
  private withoutSmallTalk(text: string): string | null {
    const spoken = spokenSentences(text);
    // "Lawyers, paperwork. Anyway, it's all final now, so…": what the caller said before turning
    // back to business in the same turn was an aside.
    const back = spoken.findIndex((s, i) => i > 0 && (BACK_TO_BUSINESS.test(s) || REAL_THING.test(s)));
    const sentences = back > 0 ? spoken.slice(back) : spoken;
    const topicality = (s: string) => 1 - (this.scoreText(s)?.background ?? 1);
    const kept = sentences.filter((s) => !FILLER.test(s) && !isSmallTalk(s, topicality));
    return kept.length === 0 ? null : kept.length === spoken.length ? text : kept.join(' ');
  }

  /**
   * A customer turn cut where the caller adds a second matter ("…my boot won't shut. Oh, and I've
   * moved, so…", "Also, last month's premium…"): the first piece is the request, the rest an addition.
   */
  private additions(text: string): { text: string; addition: boolean }[] {
    const sentences = spokenSentences(text);
    const at = sentences.findIndex((s, i) => i > 0 && ADDITION.test(s));
    if (at <= 0) return [{ text, addition: false }];
    return [
      { text: sentences.slice(0, at).join(' '), addition: false },
      { text: sentences.slice(at).join(' '), addition: true },
    ];
  }

  scoreTurns(turns: readonly { role: TurnRole; text: string }[]): ScoredTurn[] {
    const { splitSentences, dropSmallTalk } = this.params;
    return turns
      .filter((t) => t.role !== 'IVR')
      .flatMap((t, turn) => {
        const said = dropSmallTalk && t.role === 'CUSTOMER' ? this.withoutSmallTalk(t.text) : t.text;
        const chatter = said === null;
        const text = said ?? t.text;
        const pieces = t.role === 'CUSTOMER' && !chatter ? this.additions(text) : [{ text, addition: false }];
        return pieces.flatMap((piece) =>
          (splitSentences ? spokenSentences(piece.text) : [piece.text]).map((text) => ({
            role: t.role,
            text,
            turn,
            chatter,
            addition: piece.addition,
          })),
        );
      })
      .flatMap((t) => {
        const s = this.scoreText(t.text);
        if (s === null) return [];
        const agent = t.role === 'AGENT';
        // Written out, not spread: the same fields in the same order, without two object spreads per sentence.
        return [
          {
            role: t.role,
            text: t.text,
            turn: t.turn,
            chatter: t.chatter,
            addition: t.addition,
            topics: s.topics,
            background: s.background,
            script: agent && isScript(t.text),
            identity: agent && isIdentityCheck(t.text),
          },
        ];
      });
  }

  /**
   * The customer's first request: the first customer turn, once an agent has spoken, that is a
   * sentence (≥ 4 words) mostly about a topic, and more than small talk and filler ("My name is
   * [PII]."). What a caller says before any agent (answers to a speech menu, "Billing question.")
   * is a menu choice, not the request.
   */
  firstRequest(scored: readonly ScoredTurn[], start = -1): number {
    const agent = scored.findIndex((t) => t.role === 'AGENT');
    const invited = start < 0 ? -1 : scored.findIndex((t) => t.turn >= start);
    const from = Math.max(agent, invited, 0);
    const first = scored.findIndex(
      (t, i) =>
        i >= from &&
        t.role === 'CUSTOMER' &&
        !t.chatter &&
        t.background < this.params.requestMaxBackground &&
        wordCount(t.text) >= 4,
    );
    // "Anyway, the reason I rang…": a caller who says which turn is the request is believed over
    // an earlier topical-sounding aside ("the car wouldn't start this morning").
    const stated = scored.findIndex(
      (t, i) =>
        i >= from &&
        t.role === 'CUSTOMER' &&
        t.background < this.params.requestMaxBackground &&
        (STATED_REASON.test(t.text) || BACK_TO_BUSINESS.test(t.text)),
    );
    // "Now the real thing. …": after a few small questions, the caller marks the turn they rang
    // about; believed further on (summarizer 42's marker).
    const marked = scored.findIndex(
      (t, i) =>
        i > first &&
        first >= 0 &&
        t.role === 'CUSTOMER' &&
        t.background < this.params.requestMaxBackground &&
        t.turn - scored[first]!.turn <= MARKED_REASON_REACH &&
        markedRequest(scored, i),
    );
    const picked =
      marked > first
        ? marked
        : stated > first && first >= 0 && scored[stated]!.turn - scored[first]!.turn <= STATED_REASON_REACH
          ? stated
          : first;
    return this.changedMind(scored, this.afterScene(scored, picked));
  }

  /**
   * A caller who takes the request back for another before the agent has done anything ("…Actually,
   * wait, it says it was cancelled already. So scrap that. What I actually want…"): the turn that
   * says so, when it is about a topic, is the request.
   */
  private changedMind(scored: readonly ScoredTurn[], first: number): number {
    if (first < 0) return first;
    const from = scored[first]!.turn;
    const at = scored.findIndex(
      (t, i) =>
        i > first &&
        t.role === 'CUSTOMER' &&
        t.turn > from &&
        t.turn - from <= 2 &&
        !t.chatter &&
        t.background < this.params.requestMaxBackground &&
        spokenSentences(t.text).some((x) => WITHDRAWN.test(x)),
    );
    return at < 0 ? first : at;
  }

  /**
   * A caller who opens with the scene ("Saturday we went out for my sister's fortieth.", no
   * request words, no question) and is answered with a mere acknowledgement ("Lovely.", at most
   * ACKNOWLEDGEMENT_MAX_WORDS words, no question) has not asked yet: their next turn, when it is
   * a topical sentence, is the request; the scene weighs as talk before the request.
   */
  private afterScene(scored: readonly ScoredTurn[], first: number): number {
    if (first < 0) return first;
    const story = scored[first]!;
    const storyText = scored
      .filter((t) => t.turn === story.turn)
      .map((t) => t.text)
      .join(' ');
    // Curly apostrophes ("I’d like", as chat and some recognisers write them) read as straight ones.
    const straight = storyText.replace(/[\u2018\u2019]/gu, "'");
    if (ASKS.test(straight) || PROBLEM.test(straight) || storyText.includes('?')) return first;
    const next = scored.findIndex((t, i) => i > first && t.role === 'CUSTOMER' && t.turn > story.turn);
    if (next < 0) return first;
    const ask = scored[next]!;
    if (ask.turn - story.turn !== 2) return first;
    // "Also my direct debit…": a second matter added after the request, not the request after a scene.
    if (ADDITION.test(ask.text)) return first;
    const between = scored.filter((t) => t.turn === story.turn + 1);
    if (between.some((t) => t.role !== 'AGENT')) return first;
    // An agent turn with no word the model knows is not among the scored turns: an acknowledgement too.
    const said = between.map((t) => t.text).join(' ');
    if (
      said.includes('?') ||
      UNPUNCTUATED_QUESTION.test(said) ||
      wordCount(said) > ACKNOWLEDGEMENT_MAX_WORDS ||
      SYMPATHY.test(said) ||
      between.some((t) => t.background < ANSWER_MAX_BACKGROUND)
    )
      return first;
    return ask.chatter || ask.background >= this.params.requestMaxBackground || wordCount(ask.text) < 4
      ? first
      : next;
  }

  /**
   * Scores per topic id in 0..1, highest first. They sum to at most 1; the shortfall is the
   * model's belief that the call is about none of the topics.
   */
  scoreCall(turns: readonly { role: TurnRole; text: string }[]): { topic: string; score: number }[] {
    // The topic classifier and the summarizer score the same call: from the same turns (a call
    // within the classifier's 6,000 characters) the second answer is the first one's. Keyed by
    // every turn's role and text (length-prefixed: no two lists of turns share a key), the whole
    // input of a pure function; a fresh copy each time.
    const key = turns.map((t) => `${t.role}:${t.text.length}:${t.text}`).join('');
    let scores = this.callScores.get(key);
    if (scores === undefined) {
      scores = this.scoreCallOnce(turns);
      if (this.callScores.size >= CALL_SCORE_CACHE_LIMIT)
        this.callScores.delete(this.callScores.keys().next().value!);
      this.callScores.set(key, scores);
    }
    return scores.map((s) => ({ ...s }));
  }

  private readonly callScores = new Map<string, readonly Readonly<{ topic: string; score: number }>[]>();

  private scoreCallOnce(
    turns: readonly { role: TurnRole; text: string }[],
  ): { topic: string; score: number }[] {
    const p = this.params;
    const scored = this.scoreTurns(turns);
    const first = this.firstRequest(scored, requestStart(turns.filter((t) => t.role !== 'IVR')));
    const evidence = new Map(this.file.topics.map((t) => [t.id, 0]));
    let mass = 0;
    let customerAfter = 0;
    let agentAfter = 0;
    let answered = false;
    const addedToRequest = first >= 0 && scored.some((t) => t.addition && t.turn === scored[first]!.turn);
    // The caller goes on with the request until the agent first speaks after it.
    let continuing = true;
    scored.forEach((turn, i) => {
      let weight: number;
      if (first >= 0 && i > first && turn.role === 'AGENT') continuing = false;
      if (first < 0 || i < first) weight = p.preRequestWeight;
      else if (i === first || (turn.turn === scored[first]!.turn && !turn.addition))
        weight = p.firstRequestWeight;
      else if (continuing && p.continuationWeight > 0 && this.continuesRequest(turn))
        weight = p.firstRequestWeight * p.continuationWeight;
      else if (turn.role === 'CUSTOMER') {
        customerAfter += 1;
        weight = p.customerWeight / (1 + customerAfter / p.halfLifeTurns);
      } else {
        agentAfter += 1;
        weight = p.agentWeight / (1 + agentAfter / p.halfLifeTurns);
        // The agent's answer to the request names what was asked ("the match is deposited in December").
        // An identity check the script does not name ("can I check the card against your postcode") is no answer either.
        // Nor is a turn that reads as background talk as much as a request may (requestMaxBackground): an
        // acknowledgement or sympathy ("I'm sorry to hear that.", "Thank you, Delphine.", "I'm sorry, or maybe
        // congratulations") is the agent hearing the caller; the answer's weight goes to the turn that says what was done ("I've
        // unlocked it now"). Held out (leave one dev set out, 887 calls): topic 805 → 810, no set lower
        // (dev, dev8, dev9 +1, dev12 +2); bound 0.45: 810, 0.4: 809, 0.55: 808, 0.6: 807, 0.7: 806. The
        // turns a labelled call teaches (callLessons) keep their answer: skipping these there too gave 806.
        if (!answered && !turn.script && !turn.identity && turn.background < p.requestMaxBackground) {
          // When the caller added a second matter in the request turn, the answer speaks to both.
          if (!addedToRequest) weight = p.answerWeight;
          answered = true;
        } else if (!answered && !turn.script && !turn.identity) {
          // The agent hearing the caller before answering ("I'm sorry to hear that."): no evidence.
          weight = 0;
        }
      }
      // "What's the best phone number for you?" before the request is answered: the identity check.
      if (turn.identity && !answered) weight *= p.identityWeight;
      const topical = 1 - turn.background;
      mass += weight * topical;
      // Loops over the map, not copies of it: the same sums in the same order.
      let total = 0;
      for (const prob of turn.topics.values()) total += prob;
      if (total === 0) return;
      // Sharpened per turn: a turn clearly about one topic says more than one that hesitates.
      let norm = 0;
      for (const prob of turn.topics.values()) norm += (prob / total) ** p.turnPower;
      for (const [id, prob] of turn.topics) {
        const share = (prob / total) ** p.turnPower;
        evidence.set(id, (evidence.get(id) ?? 0) + weight * topical * (share / norm));
      }
    });
    const sharpened = [...evidence.entries()].map(([topic, e]) => ({
      topic,
      e: e ** (1 / p.temperature) * Math.exp(p.topicPriors[topic] ?? 0),
    }));
    const sum = sharpened.reduce((a, b) => a + b.e, 0);
    const hasTopic = (1 - Math.exp(-mass / p.topicMass)) * this.engaged(scored, first);
    return sharpened
      .map(({ topic, e }) => ({ topic, score: sum === 0 ? 0 : (e / sum) * hasTopic }))
      .sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic));
  }

  /**
   * A caller's turn after the request, before the agent speaks, that goes on with it: topical
   * (P(background) under `requestMaxBackground`), more than small talk, and no second matter
   * ("Also…", "Oh, and…").
   */
  private continuesRequest(turn: ScoredTurn): boolean {
    return (
      turn.role === 'CUSTOMER' &&
      !turn.chatter &&
      !turn.addition &&
      turn.background < this.params.requestMaxBackground &&
      !ADDITION.test(turn.text)
    );
  }

  /**
   * How much the call after the request is about anything (1: it is, as far as this can tell):
   * 1 − the least background of the turns after the request when every one of them reads as
   * background (ENGAGED_MIN_BACKGROUND) and the agent said something there that is not script.
   */
  private engaged(scored: readonly ScoredTurn[], first: number): number {
    if (first < 0) return 1;
    const after = scored.slice(first + 1);
    const answers = after.filter((t) => t.role === 'AGENT' && !t.script && !t.identity);
    if (answers.length === 0) return 1;
    // "I think you've got the wrong number" or "that goes through our press office" reads as no
    // topic whatever its words, and what follows it is where to go ("Who is?", "It's on the website,
    // under news."), unless the agent puts the caller through to someone who takes it up (TRANSFER)
    // or the caller presses their matter ("No, it's the loan with you…").
    const away = after.findIndex((t) => t.role === 'AGENT' && sentAway(t.text));
    let least = 1;
    after.forEach((t, i) => {
      if (away >= 0 && i > away && (t.role === 'AGENT' || WHERE_TO_GO.test(t.text) || THANKS.test(t.text)))
        return;
      // After being sent elsewhere, the caller's question in other words ("Is there a person he can
      // write to?") asks where to go, and a reply of a few words ("Okay, I'll try that.") takes the
      // directions: neither presses the matter. Held out (leave one dev set out, 1,212 calls): "none"
      // calls answered none 91 → 93 of 96 (dev18 +2), no topical call moved.
      if (
        away >= 0 &&
        i > away &&
        t.role === 'CUSTOMER' &&
        (wordCount(t.text) <= ACKNOWLEDGEMENT_MAX_WORDS || asksOnly(t.text))
      )
        return;
      if (t.role === 'CUSTOMER' || answers.includes(t))
        least = Math.min(least, i === away ? Math.max(t.background, SENT_AWAY_BACKGROUND) : t.background);
    });
    return least >= ENGAGED_MIN_BACKGROUND ? 1 - least : 1;
  }

  /**
   * The turns a labelled call teaches: its first request and the next topical customer turn;
   * when no turn reads as a request (words the model has never seen), the first customer
   * sentence after the agent's greeting.
   */
  requestTexts(turns: readonly { role: TurnRole; text: string }[]): string[] {
    const scored = this.scoreTurns(turns);
    const first = this.firstRequest(scored, requestStart(turns.filter((t) => t.role !== 'IVR')));
    if (first >= 0) {
      return scored
        .slice(first)
        .filter((t) => t.role === 'CUSTOMER' && !t.chatter && t.background < this.params.requestMaxBackground)
        .slice(0, 2)
        .map((t) => t.text);
    }
    const spoken = turns.filter((t) => t.role !== 'IVR');
    const agent = spoken.findIndex((t) => t.role === 'AGENT');
    const fallback = spoken.find(
      (t, i) => i > agent && t.role === 'CUSTOMER' && t.text.split(/\s+/u).length >= 4,
    );
    return fallback === undefined ? [] : [fallback.text];
  }
}

const NO_LESSONS: CallLessons = { calls: 0, fingerprints: [], examples: [], background: [] };

/**
 * What labelled calls teach (this model, trained on the taxonomy alone, reads their structure):
 * a call about a topic teaches its first request and the agent's answer to it (their first turn
 * after it that is not script) as examples of the topic, and what was said before the request
 * that reads as background talk (greetings, the identity check, small talk) as background; a
 * call about no topic teaches its turns as background. Measured leave-one-dev-set-out
 * (scripts/cv-dev-sets.ts, README "Measured").
 */
export const callLessons = (model: TopicModel, calls: readonly LabelledCallTurns[]): CallLessons => {
  const examples: LabelledText[] = [];
  const background: string[] = [];
  for (const call of calls) {
    if (call.topic === null) {
      for (const t of call.turns) if (t.role !== 'IVR' && t.text.trim() !== '') background.push(t.text);
      continue;
    }
    const scored = model.scoreTurns(call.turns);
    const first = model.firstRequest(scored, requestStart(call.turns.filter((t) => t.role !== 'IVR')));
    for (const text of model.requestTexts(call.turns).slice(0, 1)) examples.push({ topic: call.topic, text });
    if (first < 0) continue;
    // The answer taught is the first agent turn with no script phrase at all (as before the
    // nineteenth round read a turn as script only when all of it is): teaching "I'll change that
    // now. Anything else?" too gained held-out calls (920 of 1,017 against 915) but made a
    // garbled billing request ("the bill on my statement can i change it") an address change.
    const answer = scored.slice(first + 1).find((t) => t.role === 'AGENT' && !hasScriptPhrase(t.text));
    if (answer !== undefined) examples.push({ topic: call.topic, text: answer.text });
    for (const t of scored.slice(0, first)) if (t.background >= CHATTER_BACKGROUND) background.push(t.text);
  }
  return {
    calls: calls.length,
    fingerprints: [...new Set(calls.map((c) => trainingFingerprint(c.turns)))].sort(),
    examples,
    background,
  };
};

/**
 * Trains a model from the taxonomy (descriptions, examples, background talk) and, optionally,
 * labelled calls (callLessons: read by the taxonomy-only model, so greetings and identity checks
 * are not learned as topic words) and lessons already drawn from calls (config/topic-calls.json).
 */
export const trainTopicModel = (
  taxonomy: Taxonomy,
  options: {
    calls?: readonly LabelledCallTurns[];
    /** Lessons already drawn from labelled calls (the shipped dev-set calls; evaluation scripts trying other ways a call teaches). */
    lessons?: CallLessons;
    params?: Partial<TopicModelParams>;
    /** Word vectors: the model also learns class centroids (and then needs them to load). */
    vectors?: WordVectors;
  } = {},
): TrainedTopicModel => {
  const params = TopicModelParams.parse({
    ...DEFAULT_TOPIC_MODEL_PARAMS,
    ...taxonomy.model,
    ...options.params,
  });
  const calls = options.calls ?? [];
  const given = options.lessons ?? NO_LESSONS;
  if (calls.length === 0) return build(taxonomy, given, params, options.vectors);
  const base = new TopicModel(build(taxonomy, NO_LESSONS, params, options.vectors).text, options.vectors);
  const learned = callLessons(base, calls);
  return build(
    taxonomy,
    {
      calls: given.calls + learned.calls,
      fingerprints: [...new Set([...given.fingerprints, ...learned.fingerprints])].sort(),
      examples: [...given.examples, ...learned.examples],
      background: [...given.background, ...learned.background],
    },
    params,
    options.vectors,
  );
};
