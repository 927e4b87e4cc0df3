import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  englishDataset,
  englishRecommendedTransformers,
  type Node,
  RegExpMatcher,
  SyntaxKind,
} from 'obscenity';
import { describe, expect, it } from 'vitest';
import {
  BENIGN_NAMES,
  createLocalToxicityDetector,
  idiomRemover,
  matcherPrefilter,
  matcherTransform,
  OBSCENITY_VERSION,
  patternsPrefilter,
  replacementsPrefilter,
} from '../../adapters/local/toxicity/lexicon-toxicity-detector.js';
import { normaliseForRules } from '../../adapters/local/toxicity/normalise.js';
import {
  anyLiteralPrefilter,
  literalsGate,
  requiredLiterals,
} from '../../adapters/local/toxicity/required-literals.js';
import {
  BENIGN_IDIOMS,
  IDIOM_MARK,
  MILD_PROFANITY,
  removeBenignIdioms,
  TOXIC_PHRASES,
} from '../../adapters/local/toxicity/toxic-phrases.js';
import { TOXICITY_LABELS } from '../../core/ports/toxicity-detector.js';
import { readEvalSet } from '../../eval/sets.js';
import { generateCalls } from '../../generator/index.js';
import { REPO } from '../helpers/paths.js';

const detector = createLocalToxicityDetector();
const THRESHOLD = 0.5;

const score = async (texts: string[]) =>
  (await detector.detect({ TextSegments: texts.map((Text) => ({ Text })), LanguageCode: 'en' })).ResultList;

const topLabel = (labels: { Name: string; Score: number }[]) =>
  [...labels].sort((a, b) => b.Score - a.Score)[0]!.Name;

describe('local toxicity detector', () => {
  it.each([
    ['You are a useless idiot.', 'INSULT'],
    ['You people are a bunch of crooks!', 'INSULT'],
    ["I swear I'll come down there and hurt you.", 'VIOLENCE_OR_THREAT'],
    ["I'm going to drive over there and trash the whole branch.", 'VIOLENCE_OR_THREAT'],
    ["I'll keep calling till you're fired.", 'HARASSMENT_OR_ABUSE'],
    ['I know where you live.', 'VIOLENCE_OR_THREAT'],
    ["Fix it today or I'll make you regret it.", 'VIOLENCE_OR_THREAT'],
    ["You'll pay for this, I promise.", 'VIOLENCE_OR_THREAT'],
    ['Shut your mouth and put your manager on.', 'HARASSMENT_OR_ABUSE'],
    ['Go to hell.', 'HARASSMENT_OR_ABUSE'],
    ['This is fucking ridiculous.', 'PROFANITY'],
    ['What a load of bullshit.', 'PROFANITY'],
    ['Go back to your own country.', 'HATE_SPEECH'],
    ["I'd rather hear that sexy voice of yours, what are you wearing?", 'SEXUAL'],
    ["I'll rip your throat out and watch you bleed to death.", 'GRAPHIC'],
    // No swear word: the insult, threat or abuse is in the phrasing.
    ['Honestly, a toddler could do your job better.', 'INSULT'],
    ['Keep talking and see what happens to you.', 'VIOLENCE_OR_THREAT'],
    ['People like you deserve a beating.', 'VIOLENCE_OR_THREAT'],
    ['Do us all a favour and jump off a bridge.', 'HARASSMENT_OR_ABUSE'],
    ['Put me through to someone from this country, not one of you people with those accents.', 'HATE_SPEECH'],
    ['Your voice is turning me on, keep going.', 'SEXUAL'],
    // Obfuscated spellings.
    ['This is f***ing ridiculous.', 'PROFANITY'],
    ['What a pile of sh1t.', 'PROFANITY'],
    ['f u c k this bank', 'PROFANITY'],
    ['are you fvcking kidding me', 'PROFANITY'],
    // 'nobody' as a name-call, where it cannot be the sentence's subject.
    ["You're a nobody.", 'INSULT'],
    // "shut it" on its own, said to a person.
    ['oh shut it, I know what I heard', 'HARASSMENT_OR_ABUSE'],
    ['just shut it!', 'HARASSMENT_OR_ABUSE'],
    ['you absolute nobody', 'INSULT'],
    ['the **** app logged me out again', 'PROFANITY'],
    // Threats without a swear word: harm a few words after coming over, whereabouts, veiled warnings.
    ['I will come down there and hurt you', 'VIOLENCE_OR_THREAT'],
    ["If it isn't paid by Friday I'll turn up at your office and hurt you, I mean it.", 'VIOLENCE_OR_THREAT'],
    ["You'll regret this.", 'VIOLENCE_OR_THREAT'],
    ['Sort it out or watch your back.', 'VIOLENCE_OR_THREAT'],
    ['I know which branch you work at.', 'VIOLENCE_OR_THREAT'],
    ["I'll find out where you live.", 'VIOLENCE_OR_THREAT'],
    ["You have no idea who you're dealing with.", 'VIOLENCE_OR_THREAT'],
    ["This isn't over.", 'VIOLENCE_OR_THREAT'],
    ["You won't see it coming.", 'VIOLENCE_OR_THREAT'],
    ['Keep looking over your shoulder.', 'VIOLENCE_OR_THREAT'],
    // A mild swear word as an intensifier before a name-call, and plural name-calls.
    ['its the third time you bloody muppets have charged me', 'INSULT'],
    ['you flaming clowns lost my form again', 'INSULT'],
  ])('flags %j as %s', async (text, label) => {
    const [result] = await score([text]);
    expect(result!.Toxicity).toBeGreaterThanOrEqual(THRESHOLD);
    expect(topLabel(result!.Labels)).toBe(label);
  });

  it.each([
    'Let me kill the session and log you in again.',
    "I'll shoot you an email with the form.",
    'This is Dick from the claims department.',
    'Please ask for Dick Johnson at the branch.',
    'Mr. Cummings, your claim has been approved.',
    'Can you send me an analysis of the cumulative fees?',
    'Did my new card get lost in the mail?',
    'I feel like such an idiot, I forgot my password again.',
    'We can beat that rate easily.',
    "You won't regret it, the new plan is great.",
    'That will make you pay less each month.',
    "I'll destroy the old card once the new one arrives.",
    'Let me break the payment into two parts.',
    "Checking your score won't hurt your credit.",
    'Hit the button at the top right of the screen.',
    'I am trying to learn English, sorry.',
    'The app is killing me, it crashed again.',
    "I'd like to close the account, I'm moving to Essex.",
    // Injuries described in a claim are not abuse.
    'He was bleeding on the floor after the fall, blood everywhere.',
    'Shut up, it went through already? That was quick!',
    'Could you shoot it over to my work email?',
    'We knocked out two chores at once, thanks.',
    'i hate waiting on hold but you fixed it',
    'I need to update the sex marker on my file.',
    "Dick's Sporting Goods charged me twice.",
    // A given name said to be someone's (rules v5): every capitalised use of it in the turn, also
    // one opening a sentence (flagged on main).
    "Hang on. Dick! Was that you? Sorry, Dick's my husband.",
    'Dick, my husband, set it up. Dick? What was the password?',
    'You people are lifesavers!',
    // After an interjection 'nobody' is the subject, not a name-call.
    'oh ok nobody told me that but fine',
    'Hey, nobody answered the phone at the branch.',
    'listen nobody ever explained that fee to me',
    // "shut it" with a particle or an object is an action on a thing (an account, a card, an app).
    'the card is compromised so shut it down please',
    'can you shut it off before the next billing cycle',
    'I shut it out of my mind honestly',
    'my laptop froze so I shut it and opened it again',
    // Look-alikes of the threats above.
    "I'll come down there tomorrow with the receipts.",
    "I'll turn up at your office and hand it in.",
    'It hurts when I bend my knee since the accident.',
    'Kill the session and try again.',
    'I know where you are coming from, it is annoying.',
    'I know which branch you mean, the one by the station.',
    "Don't worry, this won't hurt your credit score.",
    "You won't regret switching to the new plan.",
    "The claim isn't over the limit, so it's fine.",
    "I'll be waiting for you at the branch at ten.",
    "You won't see it on your statement until Monday.",
  ])('does not flag %j', async (text) => {
    const [result] = await score([text]);
    expect(result!.Toxicity).toBeLessThan(THRESHOLD);
  });

  it('answers every segment with all seven labels, in order', async () => {
    // Prepare
    const texts = ['hello', 'you idiot', 'thanks'];
    // Act
    const results = await score(texts);
    // Assess
    expect(results).toHaveLength(3);
    for (const r of results) expect(r.Labels.map((l) => l.Name)).toEqual([...TOXICITY_LABELS]);
    expect(results.map((r) => r.Toxicity >= THRESHOLD)).toEqual([false, true, false]);
  });

  it('is deterministic and scores combined evidence higher than either part', async () => {
    const [insult, both, again] = await score([
      'you idiot',
      'you idiot, what the fuck',
      'you idiot, what the fuck',
    ]);
    expect(both!.Toxicity).toBeGreaterThan(insult!.Toxicity);
    expect(again).toEqual(both);
  });

  it('records the obscenity version that is installed', () => {
    const installed = JSON.parse(readFileSync(join(REPO, 'node_modules/obscenity/package.json'), 'utf8')) as {
      version: string;
    };
    expect(OBSCENITY_VERSION).toBe(installed.version);
    expect(detector.lineage()).toMatchObject({ engine: 'local-lexicon', version: installed.version });
    expect(detector.lineage().modelHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

/**
 * Rules v3 (eleventh round): each shape a miss of the toxicity dev set's half A (eval/tox-a),
 * written here in other words, so that a rule fitted to half A's lines alone fails; the
 * look-alikes beside them stay benign.
 */
describe('local toxicity detector: shapes without listed words (rules v3)', () => {
  it.each([
    // Insults by comparison, aimed at "you".
    ['Honestly a houseplant would follow this better than you.', 'INSULT'],
    ['My cat could run this branch, and she sleeps all day.', 'INSULT'],
    ["You've got the brains of a sponge.", 'INSULT'],
    ["You're about as useful as a paper umbrella.", 'INSULT'],
    ["There isn't half a brain between the lot of you.", 'INSULT'],
    ['Were you dropped on your head or something?', 'INSULT'],
    ["It's like explaining fractions to a brick.", 'INSULT'],
    ["You're a sad little clerk, aren't you.", 'INSULT'],
    ['Can anyone there count to ten without a calculator?', 'INSULT'],
    // Threats with no violent verb: consequences, conditions, whereabouts, weapons.
    ["If I'm not refunded today I'll pay your boss a visit at his house.", 'VIOLENCE_OR_THREAT'],
    ["You'd better pray we never meet.", 'VIOLENCE_OR_THREAT'],
    ['Folk who cross me usually end up having an accident.', 'VIOLENCE_OR_THREAT'],
    ["I've got a baseball bat in the boot and your branch is five minutes away.", 'VIOLENCE_OR_THREAT'],
    ["You won't be leaving that office in one piece.", 'VIOLENCE_OR_THREAT'],
    ['Lovely shop. Would be a pity if anything happened to it.', 'VIOLENCE_OR_THREAT'],
    ["I'll be parked by the back door when your shift finishes.", 'VIOLENCE_OR_THREAT'],
    ["Do that once more and you'll be needing a surgeon.", 'VIOLENCE_OR_THREAT'],
    // Gore wished on the other party.
    ["They'll be scraping him off the road by the time I'm done.", 'GRAPHIC'],
    ["I'll leave your face like mince.", 'GRAPHIC'],
    // Harassment: demands, repetition aimed at the person, exposure, wishing them gone.
    ['I want to hear you beg for your job.', 'HARASSMENT_OR_ABUSE'],
    ["I'll make every hour of your shift a misery.", 'HARASSMENT_OR_ABUSE'],
    ["I'll phone every night until you snap.", 'HARASSMENT_OR_ABUSE'],
    ["I'll look you up on Instagram tonight.", 'HARASSMENT_OR_ABUSE'],
    ['Nobody would miss you if you quit tomorrow.', 'HARASSMENT_OR_ABUSE'],
    ['Go and crawl back into your hole.', 'HARASSMENT_OR_ABUSE'],
    ['Tell me your home address, I want it.', 'HARASSMENT_OR_ABUSE'],
    // Sexual remarks without a listed word.
    ['What colour is your bra today?', 'SEXUAL'],
    ['Come and sit on my lap and we can sort it.', 'SEXUAL'],
    ["I bet you're wild in the bedroom.", 'SEXUAL'],
    ['I want you alone in my hotel room.', 'SEXUAL'],
    ['Your voice is giving me naughty ideas.', 'SEXUAL'],
    // Contempt for a group: "your sort", "women like you", dehumanising.
    ["Your sort shouldn't be working in a bank.", 'HATE_SPEECH'],
    ['Fresh off the boat, the lot of them.', 'HATE_SPEECH'],
    ['They breed like rabbits, that lot.', 'HATE_SPEECH'],
    ['Women like you belong in the kitchen.', 'HATE_SPEECH'],
    // Obfuscation: stars inside words and compounds, masked slurs, spaced letters.
    ['put the manager on, you d*ckh*ad', 'PROFANITY'],
    ['what a load of b*llshit', 'PROFANITY'],
    ['that letter is b o l l o c k s', 'PROFANITY'],
    ['some p4ki on the phone again', 'HATE_SPEECH'],
    ['get that f*gg*t off the line', 'HATE_SPEECH'],
    // The slur said of a person, beside the cigarette kept clean below.
    ["you're such a fag", 'HATE_SPEECH'],
    ['shut up you fags', 'HATE_SPEECH'],
    ["he's a fag, that one", 'HATE_SPEECH'],
  ])('flags %j as %s', async (text, label) => {
    const [result] = await score([text]);
    expect(result!.Toxicity).toBeGreaterThanOrEqual(THRESHOLD);
    expect(result!.Labels.filter((l) => l.Score >= THRESHOLD).map((l) => l.Name)).toContain(label);
  });

  it.each([
    // Places and surnames that hold a listed word, written as names.
    'We moved from Cockshutt Lane to the new place in March.',
    'The branch at Shitlington Crags is the closest one.',
    'My address is 4 Twatling Road, Barnt Green.',
    // A form's fields.
    'Please put down your sex and age as they are on the passport.',
    'The box marked sex on the form, what do I write?',
    // Food.
    'We had faggots and gravy for dinner, sorry if I sound full.',
    // A cigarette, in British speech (flagged HATE_SPEECH through rules v7; found by tox17).
    'Hang on, can I nip out for a fag and ring you back?',
    'He was outside on his fag break when the post came.',
    'Twenty fags and a paper, that is all I bought with the card.',
    'She was having a crafty fag at the gate.',
    // Self-deprecation, in other words.
    "I'm a right pillock with online forms.",
    'What a numpty I am, that is the old sort code.',
    "I've only got half a brain left after night shifts.",
    // Comparisons and consequences that are not aimed at anyone.
    'Honestly the old app did it better than you would expect.',
    "After that fall I'll be needing a dentist, is dental covered?",
    'They had to scrape the car off the road after the crash.',
    'The accident left his face in a mess, he had surgery.',
    // Visits, waiting, laps and beds in everyday talk.
    "I'll pay you a visit at the branch on Monday to sign.",
    "I'll be waiting by the phone when you finish the checks.",
    "The baby's sat on my lap, sorry about the noise.",
    'The hotel room was charged twice on my card.',
    // Groups named without contempt.
    'Women like my mum get confused by the new app, can you post it instead?',
  ])('does not flag %j', async (text) => {
    const [result] = await score([text]);
    expect(result!.Toxicity).toBeLessThan(THRESHOLD);
  });
});

/**
 * Rules v3, second pass: the families widened from general usage (name-calls, questions that
 * belittle, menace told by its aftermath, pursuit, condescension, gore, contempt for a group,
 * the f-word by sound, a hyphen for a letter); their look-alikes stay benign.
 */
describe('local toxicity detector: widened families (rules v3, second pass)', () => {
  it.each([
    ['Right, you absolute pillock, read it back to me.', 'INSULT'],
    ['Listen here, numpty.', 'INSULT'],
    ['Who hired you, seriously?', 'INSULT'],
    ['Can you even read, or is that too much to ask?', 'INSULT'],
    ['Did you even finish school?', 'INSULT'],
    ['Your parents must be so ashamed.', 'INSULT'],
    ['How did you ever get this job?', 'INSULT'],
    ["I've spoken to brighter lampposts.", 'INSULT'],
    ["You're dumber than a box of rocks.", 'INSULT'],
    ["You couldn't find the exit with a map.", 'INSULT'],
    ["You're a waste of a uniform.", 'INSULT'],
    ["You'll end up in intensive care if this carries on.", 'VIOLENCE_OR_THREAT'],
    ['Your days are numbered, mate.', 'VIOLENCE_OR_THREAT'],
    ["That'll be the last mistake you make.", 'VIOLENCE_OR_THREAT'],
    ["Your family won't be safe if I don't get my money.", 'VIOLENCE_OR_THREAT'],
    ['Call me that one more time and watch what happens.', 'VIOLENCE_OR_THREAT'],
    ["You're going to get what's coming, believe me.", 'VIOLENCE_OR_THREAT'],
    ["I'll see you in the car park.", 'VIOLENCE_OR_THREAT'],
    ["They'll feed you to the pigs and nobody will know.", 'GRAPHIC'],
    ['You should be skinned alive for this.', 'GRAPHIC'],
    ["I'll be on your doorstep tomorrow, and the day after.", 'HARASSMENT_OR_ABUSE'],
    ['Your face will be all over Facebook by tonight.', 'HARASSMENT_OR_ABUSE'],
    ['Hush now, toots, let me speak to a supervisor.', 'HARASSMENT_OR_ABUSE'],
    ['Go and sulk somewhere else.', 'HARASSMENT_OR_ABUSE'],
    ['The things I could do to you.', 'SEXUAL'],
    ['Scream my name.', 'SEXUAL'],
    ['Send a selfie of you wearing that headset.', 'SEXUAL'],
    ['Go back to wherever your lot crawled out of.', 'HATE_SPEECH'],
    ['Nobody wants your kind in this country.', 'HATE_SPEECH'],
    ['Put on someone with a proper English accent.', 'HATE_SPEECH'],
    ['fooking hell, again?', 'PROFANITY'],
    ['what the phuk is this', 'PROFANITY'],
    ['this app is sh-t', 'PROFANITY'],
    ["the whole lot's a pile of tihs", 'PROFANITY'],
    ['this portal is uckingfay rubbish', 'PROFANITY'],
  ])('flags %j as %s', async (text, label) => {
    const [result] = await score([text]);
    expect(result!.Toxicity).toBeGreaterThanOrEqual(THRESHOLD);
    expect(result!.Labels.filter((l) => l.Score >= THRESHOLD).map((l) => l.Name)).toContain(label);
  });

  it.each([
    "I'm being a total wally today, wrong card again.",
    'What a dipstick I was, I paid the wrong bill.',
    'Who taught you to bake? That cake you mentioned sounds amazing.',
    'Can you even do a transfer to another country?',
    "I'll end up in the overdraft if the refund doesn't come.",
    "He won't be able to work again after the accident, so we're claiming.",
    'The agent said the old branch was the last place you could pay cash.',
    "I'll see you at the branch at ten, then.",
    "We went to the pub quiz and I'm dumber than I thought.",
    'Our bitch had a litter of seven last week, so the vet bill is big.',
    'The co-op on the corner took the payment twice.',
    'My dad used to say the dental records office lost his file.',
    'Go and have a look at the app, the button is at the bottom.',
  ])('does not flag %j', async (text) => {
    const [result] = await score([text]);
    expect(result!.Toxicity).toBeLessThan(THRESHOLD);
  });
});

/**
 * The pre-filter (matcherPrefilter) is for speed only: it must never keep a text from the matcher
 * that the matcher would find a word in, so the detector answers exactly as with every text sent
 * to the matcher. Checked on every turn of the evaluation sets and of generated calls, and on
 * every word of obscenity's list written plainly, in capitals, inside other words, spaced,
 * doubled, in leetspeak and with look-alike letters.
 */
describe('local toxicity detector: the matcher pre-filter', () => {
  const built = englishDataset.build();
  const matcher = new RegExpMatcher({ ...built, ...englishRecommendedTransformers });
  const prefilter = matcherPrefilter(matcher);
  const patternText = (nodes: readonly Node[]): string =>
    nodes
      .map((n) =>
        n.kind === SyntaxKind.Literal
          ? String.fromCodePoint(...n.chars)
          : n.kind === SyntaxKind.Optional
            ? patternText([n.childNode])
            : n.kind === SyntaxKind.Wildcard
              ? 'x'
              : '',
      )
      .join('');
  const words = built.blacklistedTerms.map((t) => patternText(t.pattern.nodes));
  const leet: Record<string, string> = { a: '@', e: '3', i: '1', o: '0', s: '$', t: '7', l: '1' };
  const lookalike: Record<string, string> = { a: 'а', e: 'е', o: 'о', c: 'с', p: 'р', i: 'і' };
  const variants = words.flatMap((w) => [
    `well ${w} that`,
    `${w.toUpperCase()}!`,
    `the ${w}ly thing and un${w}ed`,
    [...w].join('.'),
    [...w].join(' '),
    [...w].map((c) => c + c).join(''),
    [...w].map((c) => leet[c] ?? c).join(''),
    [...w].map((c) => lookalike[c] ?? c).join(''),
    `You ${w}, you absolute ${w}er.`,
  ]);
  const evalTurns = (['dev', 'dev2', 'frozen', 'holdout'] as const).flatMap((set) =>
    readEvalSet(set).flatMap((c) => c.turns.map((t) => t.text)),
  );
  const generatedTurns = generateCalls(17, 300).flatMap((c) => {
    const tca = c.files.find((f) => f.name.endsWith('.tca.json'));
    return tca
      ? (JSON.parse(String(tca.content)).Transcript as { Content: string }[]).map((t) => t.Content)
      : [];
  });
  const texts = [...variants, ...evalTurns, ...generatedTurns];

  it('is in use with the installed obscenity', () => {
    expect(prefilter).not.toBeNull();
    expect(words.length).toBeGreaterThan(100);
  });

  it('passes every text the matcher finds a word in', () => {
    const found = texts.filter((t) => matcher.getAllMatches(t).length > 0);
    const missed = found.filter((t) => !prefilter!(t));
    expect(missed).toEqual([]);
    expect(found.length).toBeGreaterThan(words.length * 5);
    // And it does filter: most call-center speech never reaches the matcher.
    expect(generatedTurns.filter((t) => prefilter!(t)).length).toBeLessThan(generatedTurns.length / 10);
  });

  it("reads each text as obscenity's own transformers do (matcherTransform)", () => {
    const transform = matcherTransform(matcher);
    expect(transform).not.toBeNull();
    const inside = matcher as unknown as {
      applyTransformers: (input: string, transformers: unknown) => [number[], string];
      blacklistMatcherTransformers: unknown;
    };
    const own = (t: string) => inside.applyTransformers(t, inside.blacklistMatcherTransformers)[1];
    // Astral characters, surrogate pairs and lone surrogates (at the end too), look-alikes,
    // leetspeak, doubled and tripled letters, capitals.
    const odd = [
      '',
      'a',
      'A',
      'Ⓐ𝐚𝓪 🅱️ 𝕓 f𝓾ck',
      '\ud83d',
      'x\ud83d',
      '\ud83dx',
      '\ude00abc',
      'ab\ud83d\ude00cd',
      'ѕһіт ѕhіt sh1t $h!7 5H17',
      'aaabbbbeeeoooolllsssggg  ssss',
      'fuuuuck FUUUCK f.u.c.k f u c k',
      String.fromCodePoint(...Array.from({ length: 400 }, (_, i) => 32 + i * 37)),
    ];
    const inputs = [...odd, ...texts, ...texts.map((t) => t.toUpperCase())];
    expect(inputs.filter((t) => transform!(t) !== own(t))).toEqual([]);
    // The same transformer instances read the next text from a clean state.
    expect([transform!('sss'), transform!('s'), own('sss'), own('s')]).toEqual(['ss', 's', 'ss', 's']);
  });

  it('the phrase pre-filter passes every text a phrase rule matches, and filters most speech', () => {
    const phrases = [...TOXIC_PHRASES, ...MILD_PROFANITY].map((p) => p.pattern);
    const anyPhrase = patternsPrefilter(phrases);
    expect(anyPhrase).not.toBeNull();
    const matched = texts.filter((t) => phrases.some((r) => r.test(t.toLowerCase())));
    expect(matched.filter((t) => !anyPhrase!(t.toLowerCase()))).toEqual([]);
    expect(matched.length).toBeGreaterThan(50);
    expect(generatedTurns.filter((t) => anyPhrase!(t.toLowerCase())).length).toBeLessThan(
      generatedTurns.length / 10,
    );
  });

  it('the name pre-filter (literals, then the union) passes every text a replacement changes, and filters most speech', () => {
    const union = replacementsPrefilter(BENIGN_NAMES);
    const literals = anyLiteralPrefilter(
      BENIGN_NAMES.map((r) => new RegExp(r.source, r.flags.replace('g', ''))),
    );
    expect(union).not.toBeNull();
    expect(literals).not.toBeNull();
    const any = (t: string) => union!(t) && literals!(t);
    const changed = texts.filter((t) => BENIGN_NAMES.reduce((s, r) => s.replace(r, ' '), t) !== t);
    expect(changed.filter((t) => !any(t))).toEqual([]);
    expect(changed.length).toBeGreaterThanOrEqual(1);
    expect(generatedTurns.filter((t) => any(t)).length).toBeLessThan(generatedTurns.length / 10);
  });

  it("the idioms' literal gate: the mark makes no idiom's literal, and the text comes out as removeBenignIdioms leaves it", () => {
    // Every idiom has literals (else it is tried on every text), and none can be made by putting
    // the mark in place of a replaced span: no literal inside the mark, none reaching into it.
    const literals = BENIGN_IDIOMS.map((r) => requiredLiterals(r));
    expect(literals.filter((l) => l === null)).toEqual([]);
    const made = literals
      .flat()
      .filter((l) => IDIOM_MARK.includes(l!) || /[[\]]/u.test(l!) || /^\s|\s$/u.test(l!));
    expect(made).toEqual([]);
    const remove = idiomRemover();
    const inputs = texts.flatMap((t) => [normaliseForRules(t), t.toLowerCase()]);
    expect(inputs.filter((t) => remove(t) !== removeBenignIdioms(t))).toEqual([]);
    // Texts with idioms (several in one text, too) are among them.
    const changed = inputs.filter((t) => removeBenignIdioms(t) !== t);
    expect(changed.length).toBeGreaterThan(20);
    expect(changed.filter((t) => removeBenignIdioms(t).split(IDIOM_MARK).length > 2).length).toBeGreaterThan(
      0,
    );
  });

  it("the phrase rules' literal gate passes every text a rule matches, and tries few rules on speech", () => {
    const phrases = [...TOXIC_PHRASES, ...MILD_PROFANITY].map((p) => p.pattern);
    // (as the scorer gates them: every set of literals of one branch)
    const gate = literalsGate(phrases, { everySet: true });
    // The text the rules read (idioms removed), and the text before that and merely lower-cased.
    const inputs = texts.flatMap((t) => {
      const forRules = normaliseForRules(t);
      return [removeBenignIdioms(forRules), forRules, t.toLowerCase()];
    });
    const missed: string[] = [];
    let hits = 0;
    for (const text of inputs) {
      const marks = gate(text);
      phrases.forEach((pattern, i) => {
        if (!pattern.test(text)) return;
        hits += 1;
        if (marks[i] !== 1) missed.push(`rule ${i}: ${text}`);
      });
    }
    expect(missed).toEqual([]);
    expect(hits).toBeGreaterThan(500);
    // Most rules are skipped on ordinary speech (the gate is what makes the rules cheap): 2.5 of the
    // 63 rules a generated turn, against 9.4 with one set of literals per rule (a "you" alone then
    // marked many).
    const speech = generatedTurns.map((t) => removeBenignIdioms(normaliseForRules(t)));
    const tried = speech.reduce((n, t) => n + gate(t).reduce((a, b) => a + b, 0), 0);
    expect(tried / speech.length).toBeLessThan(phrases.length / 16);
  });

  it('normaliseForRules answers as with every replacement run, and the texts do exercise each one', () => {
    // And words masked as people and filters mask them ("f***", "sh#t", "****", "f*ck*ng", "sh-t").
    const masked = words.flatMap((w) => [
      `${w[0]}${'*'.repeat(w.length - 1)}`,
      `you ${w[0]}#${w.slice(2)} off`,
      `well ${'*'.repeat(w.length)} that`,
      [...w].map((c, i) => (i % 2 === 1 ? '*' : c)).join(''),
      `this is ${w.slice(0, 2)}-${w.slice(3)}`,
    ]);
    const inputs = [...texts, ...masked];
    const differ = inputs.filter((t) => normaliseForRules(t) !== normaliseForRules(t, { everyStep: true }));
    expect(differ).toEqual([]);
    // Masks, letter runs, leetspeak and hyphens are among the texts (the steps the gates skip), and
    // the steps change some of them.
    for (const need of [/[*#]/u, /(\p{L})\1{2}/u, /[0-9!@$]/u, /-/u]) {
      const having = inputs.filter((t) => need.test(t.toLowerCase()));
      expect(having.length, need.source).toBeGreaterThan(20);
      expect(
        having.filter((t) => normaliseForRules(t) !== t.toLowerCase()).length,
        need.source,
      ).toBeGreaterThan(5);
    }
  });

  it('the detector answers exactly as with every text sent to the matcher and every phrase rule', async () => {
    const every = createLocalToxicityDetector({ matchEveryText: true });
    const request = { TextSegments: texts.map((Text) => ({ Text })), LanguageCode: 'en' as const };
    expect((await detector.detect(request)).ResultList).toEqual((await every.detect(request)).ResultList);
  });
});

describe('patternsPrefilter', () => {
  it('answers as "some pattern matches" for patterns it can join (anchors, look-arounds, alternations)', () => {
    const patterns = [/^hello\b/u, /\bbad(?!ge)/u, /\b(?:go|get) away$/u, /(?<=you )idiot/u];
    const any = patternsPrefilter(patterns)!;
    for (const text of [
      'hello there',
      'say hello',
      'a bad day',
      'a badge',
      'go away',
      'go away now',
      'you idiot',
      'idiot',
    ])
      expect(any(text), text).toBe(patterns.some((r) => r.test(text)));
  });

  it('declines patterns it cannot join soundly: stateful flags, mixed flags, capturing groups', () => {
    expect(patternsPrefilter([/a/gu, /b/gu])).toBeNull();
    expect(patternsPrefilter([/a/u, /b/iu])).toBeNull();
    expect(patternsPrefilter([/(a)\1/u, /b/u])).toBeNull();
    expect(patternsPrefilter([])).toBeNull();
  });

  it('joins global patterns for replacements (a text none matches is left as it is), and only those', () => {
    const patterns = [/\bkill(?:ing)? it\b/gu, /\bsilly me\b/gu, /\b(?<!the )pain\b/gu];
    const any = replacementsPrefilter(patterns)!;
    for (const text of ['killing it', 'you kill it', 'oh silly me', 'the pain', 'a pain', 'kill', 'me'])
      expect(any(text), text).toBe(patterns.some((r) => new RegExp(r.source, 'u').test(text)));
    // Twice in a row: the union keeps no lastIndex between texts.
    expect([any('killing it'), any('killing it')]).toEqual([true, true]);
    expect(replacementsPrefilter([/a/gu, /b/u])).toBeNull();
    expect(replacementsPrefilter([/(a)/gu])).toBeNull();
  });
});
