import type { ToxicityLabelName } from '../../../core/ports/toxicity-detector.js';

export interface ToxicPhrase {
  label: ToxicityLabelName;
  /** The score this evidence alone earns, calibrated so that one clear hit crosses 0.5. */
  score: number;
  /** Matched against lower-cased text with straight apostrophes. */
  pattern: RegExp;
}

// Words that turn a following "you" into an address ("I'll shoot you an email") rather than a target.
const NOT_A_TARGET = String.raw`(?!\s+(?:an?|the|over|some|my|your|our|this|that|those|these|quick|back|through|up|down)\b)`;
const SECOND_PERSON = String.raw`(?:you|ya|u)(?:'re|\s+are|\s+r)?`;
const INTENT = String.raw`(?:i)(?:'ll|\s+will|'m\s+going\s+to|'m\s+gonna|\s+am\s+going\s+to|\s+am\s+gonna|'d\s+like\s+to|\s+want\s+to|\s+could|\s+should|\s+swear\s+i'll|'m\s+about\s+to)`;
const INSULTS = String.raw`(?:idiot|moron|imbecile|stupid|dumb|useless|incompetent|pathetic|worthless|clown|joke|loser|liar|fool|brainless|clueless|ignorant|dimwit|halfwit|nitwit|dumbass|jackass|scumbag|lowlife|parasite|crook|thief|thieves|idiots|morons|clowns|crooks|liars|incompetents|piece\s+of\s+(?:garbage|trash|work))`;
const INTENSIFIERS = String.raw`(?:(?:such|a|an|so|really|completely|totally|absolutely|the\s+most|the\s+biggest|a\s+bunch\s+of|bunch\s+of|all|just|nothing\s+but|one)\s+)*`;

const BODY_OR_KIN = String.raw`(?:your|his|her)\s+(?:face|head|neck|teeth|nose|legs|family|kids|wife|husband|children)`;

const re = (source: string): RegExp => new RegExp(source, 'u');

/**
 * Phrase evidence for the labels a profanity list cannot see: insults, threats, harassment,
 * hate, sexual and graphic content without a swear word. Each pattern names a target or an
 * intent, because the same verbs are everyday call-center talk ("kill the session",
 * "shoot you an email", "hit the button", "we can beat that rate").
 */
export const TOXIC_PHRASES: readonly ToxicPhrase[] = [
  // INSULT: a person called names.
  { label: 'INSULT', score: 0.85, pattern: re(String.raw`\b${SECOND_PERSON}\s+${INTENSIFIERS}${INSULTS}\b`) },
  {
    label: 'INSULT',
    score: 0.8,
    pattern: re(String.raw`\b(?:you|your)\s+people\s+are\s+${INTENSIFIERS}${INSULTS}\b`),
  },
  { label: 'INSULT', score: 0.75, pattern: re(String.raw`\b(?:what\s+an?|bunch\s+of|you)\s+${INSULTS}\b`) },
  {
    label: 'INSULT',
    score: 0.7,
    pattern: re(
      String.raw`\bare\s+you\s+(?:stupid|deaf|dumb|an\s+idiot|incompetent|brain\s*dead|retarded)\b`,
    ),
  },
  {
    label: 'INSULT',
    score: 0.65,
    pattern: re(
      String.raw`\b(?:useless|incompetent|pathetic|worthless|stupid)\s+(?:agent|agents|people|person|company|bank|staff|woman|man|girl|boy|idiot|moron)\b`,
    ),
  },
  // VIOLENCE_OR_THREAT: harm announced against a person.
  {
    label: 'VIOLENCE_OR_THREAT',
    score: 0.9,
    pattern: re(
      String.raw`\b(?:kill|beat\s+up|punch|strangle|shoot|stab|murder|smack|slap|choke)\s+(?:you|ya|him|them|${BODY_OR_KIN})\b${NOT_A_TARGET}`,
    ),
  },
  {
    label: 'VIOLENCE_OR_THREAT',
    score: 0.9,
    pattern: re(
      String.raw`\b${INTENT}\s+(?:come\s+(?:down|over)\s+there\s+and\s+)?(?:kill|hurt|beat|punch|strangle|shoot|stab|murder|smack|slap|choke|break|smash)\s+(?:you|ya|him|her|them|${BODY_OR_KIN})\b${NOT_A_TARGET}`,
    ),
  },
  {
    label: 'VIOLENCE_OR_THREAT',
    score: 0.8,
    pattern: re(
      String.raw`\b${INTENT}\s+(?:(?:come|drive|go)\s+(?:down|over)\s+(?:there|here|to\s+(?:your|the)\s+\w+)\s+and\s+)?(?:smash|wreck|trash|destroy|break|burn\s+down)\s+(?:up\s+)?(?:every|all|the|your|this|that)\s+(?:\w+\s+)?(?:windows?|office|place|building|branch|store|car|computers?|desks?)\b`,
    ),
  },
  {
    label: 'VIOLENCE_OR_THREAT',
    score: 0.85,
    pattern: re(String.raw`\bi\s+know\s+where\s+you\s+(?:live|work)\b`),
  },
  {
    label: 'VIOLENCE_OR_THREAT',
    score: 0.8,
    pattern: re(String.raw`\b(?:watch|better\s+watch)\s+your\s+back\b`),
  },
  {
    label: 'VIOLENCE_OR_THREAT',
    score: 0.75,
    pattern: re(
      String.raw`\byou(?:'ll|\s+will|'re\s+going\s+to|'re\s+gonna|\s+are\s+going\s+to)\s+(?:regret\s+(?:this|it)|pay\s+for\s+this|be\s+sorry)\b`,
    ),
  },
  {
    label: 'VIOLENCE_OR_THREAT',
    score: 0.85,
    pattern: re(
      String.raw`\b(?:burn|blow\s+up|bomb|shoot\s+up)\s+(?:your|the|this|that)\s+(?:office|building|branch|place|house|store|bank)\b`,
    ),
  },
  {
    label: 'VIOLENCE_OR_THREAT',
    score: 0.75,
    pattern: re(
      String.raw`\b${INTENT}\s+(?:find|get|come\s+for|come\s+after)\s+you\b(?=\s*(?:[.!?,;]|$|and\b|when\b|if\b))`,
    ),
  },
  { label: 'VIOLENCE_OR_THREAT', score: 0.6, pattern: re(String.raw`\bor\s+else\b(?=\s*(?:[.!?]|$))`) },
  // Retribution promised to the listener ("make you regret it", "you'll pay for this").
  {
    label: 'VIOLENCE_OR_THREAT',
    score: 0.7,
    pattern: re(
      String.raw`\b(?:make\s+(?:you|ya)\s+(?:regret\s+(?:this|it|that)|sorry|pay(?:\s+for\s+(?:this|it|that))?(?=\s*(?:[.!?,]|$)))|(?:you|ya)(?:'ll|\s+will|'re\s+going\s+to|\s+are\s+going\s+to)\s+(?:regret\s+(?:this|it|that)|pay\s+for\s+(?:this|it|that)|be\s+sorry))\b`,
    ),
  },
  // HARASSMENT_OR_ABUSE: abuse aimed at the other party.
  {
    label: 'HARASSMENT_OR_ABUSE',
    score: 0.9,
    pattern: re(
      String.raw`\b(?:go\s+)?kill\s+yourself\b|\bkys\b|\bdrop\s+dead\b|\bgo\s+die\b|\bdie\s+in\s+a\s+fire\b`,
    ),
  },
  {
    label: 'HARASSMENT_OR_ABUSE',
    score: 0.75,
    pattern: re(String.raw`\bshut\s+(?:up|your\s+(?:mouth|face|trap|pie\s*hole))\b`),
  },
  {
    label: 'HARASSMENT_OR_ABUSE',
    score: 0.75,
    pattern: re(
      String.raw`\b(?:go\s+to\s+hell|screw\s+you|screw\s+off|piss\s+off|bugger\s+off|get\s+bent)\b|(?:^|[.!?,]\s*|\bjust\s+|\bnow\s+)get\s+lost(?=\s*(?:[.!?,]|$))`,
    ),
  },
  {
    label: 'HARASSMENT_OR_ABUSE',
    score: 0.7,
    pattern: re(
      String.raw`\b(?:i'll|i\s+will|i'm\s+going\s+to|i'm\s+gonna|gonna)\s+(?:get\s+you\s+fired|have\s+you\s+fired|have\s+your\s+job|make\s+your\s+life\s+(?:hell|miserable))\b|\b(?:until|till)\s+you(?:'re|\s+are|\s+get)\s+fired\b`,
    ),
  },
  {
    label: 'HARASSMENT_OR_ABUSE',
    score: 0.6,
    pattern: re(
      String.raw`\bnobody\s+(?:cares|gives\s+a)\b.*\byou\b|\bwho\s+(?:the\s+hell\s+)?do\s+you\s+think\s+you\s+are\b`,
    ),
  },
  // HATE_SPEECH: contempt for a group.
  {
    label: 'HATE_SPEECH',
    score: 0.8,
    pattern: re(String.raw`\bgo\s+back\s+to\s+(?:your\s+(?:own\s+)?country|where\s+you\s+came\s+from)\b`),
  },
  {
    label: 'HATE_SPEECH',
    score: 0.7,
    pattern: re(
      String.raw`\b(?:go|you\s+(?:should|need\s+to|better|ought\s+to))\s+learn\s+(?:to\s+speak\s+)?(?:proper\s+)?english\b|\bdo\s+you\s+even\s+speak\s+english\b`,
    ),
  },
  {
    label: 'HATE_SPEECH',
    score: 0.75,
    pattern: re(
      String.raw`\b(?:because|cause|since)\s+you(?:'re|\s+are)\s+(?:a\s+|an\s+)?(?:woman|girl|foreigner|foreign|immigrant|black|gay|muslim|jewish|indian|mexican|asian|old\s+woman)\b`,
    ),
  },
  {
    label: 'HATE_SPEECH',
    score: 0.7,
    pattern: re(String.raw`\byour\s+kind\s+(?:should|don't\s+belong|always|are\s+all)\b`),
  },
  // SEXUAL: advances or sexual talk without a listed word.
  {
    label: 'SEXUAL',
    score: 0.8,
    pattern: re(
      String.raw`\b(?:sleep|have\s+sex|hook\s+up|go\s+to\s+bed)\s+with\s+(?:me|you)\b|\bsend\s+(?:me\s+)?nudes\b|\b(?:your|that)\s+sexy\s+voice\b|\bwhat\s+are\s+you\s+wearing\b`,
    ),
  },
  // GRAPHIC: gore.
  {
    label: 'GRAPHIC',
    score: 0.8,
    pattern: re(
      String.raw`\bblood\s+(?:everywhere|all\s+over)\b|\bbleed(?:ing)?\s+(?:out|to\s+death)\b|\b(?:rip|tear|cut|slit)\s+(?:your|his|her|their)\s+(?:throat|head|heart|guts|face|tongue)\b|\b(?:guts|brains)\s+(?:out|all\s+over|spilled)\b|\bbeat(?:en)?\s+to\s+death\b|\b(?:dismember|decapitat|disembowel)\w*`,
    ),
  },
];

/** Mild swearing that the profanity list leaves out. */
export const MILD_PROFANITY: readonly ToxicPhrase[] = [
  { label: 'PROFANITY', score: 0.7, pattern: re(String.raw`\bgod\s*damn\w*|\bdamn(?:ed|it)?\b|\bdammit\b`) },
  {
    label: 'PROFANITY',
    score: 0.6,
    pattern: re(
      String.raw`\bcrap(?:py)?\b|\bwhat\s+the\s+hell\b|\bthe\s+hell\b|\bbloody\s+(?:hell|useless|idiot|bank|thing|phone)\b`,
    ),
  },
];
