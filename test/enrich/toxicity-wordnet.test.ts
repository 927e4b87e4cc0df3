import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLexiconScorer } from '../../adapters/local/toxicity/lexicon-toxicity-detector.js';
import { normaliseForRules } from '../../adapters/local/toxicity/normalise.js';
import { createWordnetLayer, WORDNET_LEXICON } from '../../adapters/local/toxicity/wordnet-layer.js';
import { buildToxicityLexicon, toxicityLexiconFileText } from '../../scripts/toxicity-lexicon.js';

const THRESHOLD = 0.5;
const withLayer = createLexiconScorer();
const withoutLayer = createLexiconScorer({ wordnet: false });
const labels = (score: ReturnType<typeof createLexiconScorer>, text: string) =>
  score(text)
    .Labels.filter((l) => l.Score >= THRESHOLD)
    .map((l) => l.Name);
const layer = createWordnetLayer();
const layerWords = (text: string) => layer(normaliseForRules(text)).map((h) => `${h.label}:${h.word}`);
const lines = (file: string) =>
  readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));

describe('the WordNet-derived lexicon (config/toxicity-lexicon.json)', () => {
  it('is what scripts/toxicity-lexicon.ts writes from the installed WordNet (run npx tsx scripts/write-generated.ts)', () => {
    expect(readFileSync(new URL('../../config/toxicity-lexicon.json', import.meta.url), 'utf8')).toBe(
      toxicityLexiconFileText(),
    );
  });

  it('keeps words whose usual sense is abuse, leaves out those whose usual sense is not', () => {
    const { lexicon } = buildToxicityLexicon();
    for (const w of ['idiot', 'nincompoop', 'dimwit', 'cretin', 'layabout', 'scoundrel', 'coward'])
      expect(lexicon.insult).toContain(w);
    for (const w of [
      'tool',
      'pig',
      'chicken',
      'cow',
      'dog',
      'nut',
      'rat',
      'snake',
      'stupid',
      'genius',
      // Subtrees left out: someone out of place, someone strict.
      'stranger',
      'outsider',
      'stickler',
    ])
      expect(lexicon.insult).not.toContain(w);
    // review18: out where another noun.person sense is a job, role, pastime, kind or young person
    // ("runner" an athlete, "junior" a son, "cynic" a philosopher) or any sense is playful or
    // charming ("rascal", "tease", "charmer", "prankster", "goof"), with the synset most of whose
    // words are ("rogue": rascal, rapscallion, scalawag, scallywag, varlet); someone slow or anxious.
    for (const w of [
      'junior',
      'runner',
      'cynic',
      'rascal',
      'rapscallion',
      'rogue',
      'tease',
      'charmer',
      'prankster',
      'goof',
      'goofball',
      'slowcoach',
      'worrier',
    ])
      expect(lexicon.insult).not.toContain(w);
    for (const w of ['swindler', 'con artist', 'thug', 'slob', 'git', 'nitwit', 'simpleton', 'know-it-all'])
      expect(lexicon.insult).toContain(w);
    expect(lexicon.hate).toEqual(expect.arrayContaining(['kike', 'wop', 'wetback', 'dago']));
    // Names, and untagged nouns that also name a thing (WordNet lists the slur first): "chink" an
    // opening, "taco" food, "fag" a cigarette.
    for (const w of ['mick', 'paddy', 'chink', 'guinea', 'taco', 'fag'])
      expect(lexicon.hate).not.toContain(w);
    expect(lexicon.threat).toEqual(expect.arrayContaining(['strangle', 'clobber', 'maim', 'stab']));
    // "throttle" is first the engine's throttle, "hit" first moves a ball; "shoot" and "punch" are
    // first harm, so the layer needs "you" as their object after an intent ("shoot you a text" is not).
    for (const w of ['throttle', 'hit']) expect(lexicon.threat).not.toContain(w);
    expect(lexicon.threat).toEqual(expect.arrayContaining(['shoot', 'punch']));
    // "grope" is first to feel one's way in the dark.
    expect(lexicon.sexualVerbs).toContain('fondle');
    expect(lexicon.sexualVerbs).not.toContain('grope');
  });

  it('is the lexicon the layer reads by default', () => {
    expect(
      JSON.parse(readFileSync(new URL('../../config/toxicity-lexicon.json', import.meta.url), 'utf8')),
    ).toMatchObject(WORDNET_LEXICON);
  });
});

// Sentences written for this test; rules v6 (the engine without the layer) flags none of them.
describe('toxicity rules v7: the WordNet lexicon aimed at the listener', () => {
  it.each([
    ['You are a lazybones and a pillock.', 'INSULT', 'INSULT:pillock'],
    ['Cheers for nothing, you ninny.', 'INSULT', 'INSULT:ninny'],
    ['Transfer me, loudmouth.', 'INSULT', 'INSULT:loudmouth'],
    ['I refuse to be served by some dago.', 'HATE_SPEECH', 'HATE_SPEECH:dago'],
    ["I'll wallop you if you transfer me again.", 'VIOLENCE_OR_THREAT', 'VIOLENCE_OR_THREAT:wallop'],
    ["I'm going to cudgel you, mark my words.", 'VIOLENCE_OR_THREAT', 'VIOLENCE_OR_THREAT:cudgel'],
    ['I want to caress you all over, darling.', 'SEXUAL', 'SEXUAL:caress'],
  ])('flags %j as %s', (text, label, word) => {
    expect(labels(withoutLayer, text)).toEqual([]);
    expect(labels(withLayer, text)).toContain(label);
    expect(layerWords(text)).toContain(word);
  });

  it.each([
    // Speech about oneself or others, negation, things, and words used in their plain sense.
    "I'm such a pillock, I typed it twice.",
    'My brother is a scoundrel, but he pays his share.',
    "You're not a ninny, it confuses everyone.",
    'You can open a junior saver with her birth certificate.',
    "We're having faggots and peas for tea.",
    "There's a chink in the fence where the draught gets in.",
    "I'd like a taco, and then I'll ring back.",
    'I pressed send and poof, the money was gone.',
    "I'll wallop the forms over to you tonight.",
    'Could you kill the old session for me?',
    "I'll shoot you a text with the reference.",
    "I'd love to caress the cat but she bites.",
    'The doctor checked my genitals and said all was fine.',
    'You can call me a coward but I hate heights.',
  ])('leaves %j alone', (text) => {
    expect(labels(withLayer, text)).toEqual(labels(withoutLayer, text));
    expect(labels(withLayer, text)).toEqual([]);
  });

  // Near-misses written after the layer's first version (which flagged the first seven): a noun
  // that qualifies another or has its own complement, or a role after a plain "the", is not a
  // name-call. The teasing or admiring ones ("charmer", "rogue", "tease", "clown", "are you a
  // runner?") were flagged until review18 narrowed the lexicon; none is now.
  it('flags only the known near-misses of people named by role or teased', () => {
    const nearMisses = [
      'Are you the liquidator for Smith Ltd?',
      "You're the collaborator on the joint account, yes?",
      "You're a pirate fan then?",
      "You're a junior member of staff, are you?",
      'Are you a raider fan?',
      "You're the pusher of the buggy?",
      'Are you the guarantor or the borrower?',
      "You're the assessor, aren't you?",
      "You're a lifesaver.",
      "You're a saint, honestly.",
      "You're a dreamer.",
      "Oh you're a charmer.",
      'Are you a runner? The charity run is on Sunday.',
      "You're a bit of a clown, aren't you, ha.",
      "You're a tease.",
      "you're a rogue, you",
    ];
    expect(nearMisses.filter((t) => labels(withoutLayer, t).length > 0)).toEqual([]);
    expect(nearMisses.filter((t) => labels(withLayer, t).length > 0)).toEqual([]);
  });

  // The held-out check written before the lexicon was built (test/fixtures/toxicity-wordnet-heldout-*):
  // rules v6 found 21 of 40 and flagged 3 of 40 near-misses; v7 finds 32 and flags the same 3.
  it('finds the held-out toxic lines but the known misses, and flags no further near-miss', () => {
    const toxic = lines('toxicity-wordnet-heldout-toxic.txt').map((l) => l.split('\t')[1]!);
    expect(toxic).toHaveLength(40);
    expect(toxic.filter((t) => labels(withLayer, t).length === 0)).toEqual([
      'What kind of halfwit puts a customer on hold for forty minutes?',
      'You are a complete and utter oaf.',
      "I'm not dealing with a raghead, get me someone else.",
      'Another gook on the line, unbelievable.',
      "I won't be served by a spic.",
      "I'll throttle you if this isn't sorted by Friday.",
      "I'll bludgeon you, you hear me?",
      'Your voice gives me an erection.',
    ]);
    const benign = lines('toxicity-wordnet-heldout-benign.txt');
    expect(benign).toHaveLength(40);
    expect(benign.filter((t) => labels(withLayer, t).length > 0)).toEqual([
      'My dog is a right fool, he chewed the remote.',
      "We're a bunch of amateurs when it comes to tech, sorry.",
      'The cock on the farm woke us at five, so I called early.',
    ]);
  });
});

// review18 (test/fixtures/toxicity-review18-*): everyday benign speech near the layer's shapes and real
// abuse in everyday wording, both written before the lexicon was read. Rules v7 as first merged
// flagged 17 of the 290 benign lines that v6 did not ("you're a rogue", "you little rascal", "are you
// a runner?") and found 56 of the 59 toxic ones; after the narrowing it flags 3 such lines, finds the
// same 56, and v6's flags on "a cynic", "a skeptic", "a rebel", "a riot", "a scream" are gone too.
describe('toxicity rules v7: review18 near-misses and abuse in everyday wording', () => {
  it.each([
    "Oh you're a charmer, aren't you.",
    "You're a rogue, you are.",
    "You're a bit of a rascal, I can tell.",
    'You little rascal, you found the discount code.',
    "You're a tease, just tell me the price.",
    'Are you a runner? I saw the marathon photo on your profile.',
    "You're a prankster.",
    "You're a goofball.",
    "You're a slowcoach, take your time.",
    "You're a worrier like me.",
    "You're a couch potato like me.",
    "You're a cynic, I like that.",
    "You're a skeptic, fair enough.",
    "You're a rebel.",
    "You're a riot.",
    "You're a scream.",
  ])('leaves %j alone', (text) => {
    expect(labels(withLayer, text)).toEqual([]);
  });

  it('flags only the known benign lines and finds the toxic lines but the known misses', () => {
    const benign = lines('toxicity-review18-benign.txt');
    expect(benign).toHaveLength(290);
    const flagged = benign.filter((t) => labels(withLayer, t).length > 0);
    // Left as known: a teasing use of words whose only sense in WordNet is a mild wrongdoer.
    expect(flagged.filter((t) => labels(withoutLayer, t).length === 0)).toEqual([
      "You're a know-it-all, but in a good way.",
      "You're a troublemaker, ha.",
      "You're a sweet talker.",
    ]);
    // Rules v6's own (not the layer's), left for another round.
    expect(flagged.filter((t) => labels(withoutLayer, t).length > 0)).toEqual([
      "You're a menace on that keyboard, so fast.",
      "You're an amateur photographer?",
      'Are you a hooker in rugby?',
      "You're a lazy bones today, ha.",
      "I'll bash you a quick quote.",
      "I'll beat you to it.",
      'The cock on the boiler is stuck.',
      'The vaginal swab results are back.',
      "The penis pump claim for my husband's prescription.",
      'Our cat is a pussycat.',
      'The cockpit was freezing.',
      "You're a lunatic for running in this weather.",
    ]);
    const toxic = lines('toxicity-review18-toxic.txt').map((l) => l.split('\t'));
    expect(toxic).toHaveLength(59);
    expect(toxic.filter(([, t]) => labels(withLayer, t!).length === 0).map(([, t]) => t)).toEqual([
      "You're a creep.",
      'I want to shag you.',
      "I'd love to grope you.",
    ]);
    // Found by the layer alone, with the label written.
    for (const [label, t] of toxic.filter(([, t]) =>
      [
        "You're a con artist.",
        "You're a swindler.",
        "You're a thug.",
        "You're a git.",
        "You're a slob.",
      ].includes(t!),
    ))
      expect(labels(withLayer, t!)).toContain(label);
  });
});
