import type { ToxicLabel } from '../truth.js';

/** Toxic customer remarks (for the toxicity detector) and benign look-alikes (its false-positive traps). */
export interface ToxicRemark {
  label: ToxicLabel;
  text: string;
}

export const TOXIC_REMARKS: readonly ToxicRemark[] = [
  { label: 'INSULT', text: 'Are you stupid or something? I just told you that.' },
  { label: 'INSULT', text: 'You are completely useless, you know that?' },
  { label: 'INSULT', text: 'Honestly, you people are a bunch of incompetent clowns.' },
  { label: 'PROFANITY', text: "This is bullshit. I've been on the phone forever." },
  { label: 'PROFANITY', text: "Damn it, I'm sick of this crap." },
  { label: 'PROFANITY', text: 'What the hell is wrong with you people?' },
  {
    label: 'VIOLENCE_OR_THREAT',
    text: "If this isn't fixed today, I swear I'll come down there and make you regret it.",
  },
  { label: 'VIOLENCE_OR_THREAT', text: 'Keep jerking me around and somebody is going to get hurt.' },
  {
    label: 'VIOLENCE_OR_THREAT',
    text: "I'm going to come down to your office and smash every window in the place.",
  },
  { label: 'HARASSMENT_OR_ABUSE', text: 'Shut up and listen to me, you pathetic little nobody.' },
  {
    label: 'HARASSMENT_OR_ABUSE',
    text: "I'm going to call back every single day and ask for you until you get fired.",
  },
  {
    label: 'HARASSMENT_OR_ABUSE',
    text: "I know your name now, {agentFirst}, and I'm going to make your life miserable.",
  },
];

export interface Trap {
  who: 'agent' | 'customer';
  /** The label a keyword-based detector would wrongly give this benign line. */
  resembles: ToxicLabel;
  text: string;
  reply: string;
}

export const TRAPS: readonly Trap[] = [
  {
    who: 'agent',
    resembles: 'VIOLENCE_OR_THREAT',
    text: "I'll shoot you an email with the confirmation once we're done.",
    reply: 'Sounds good.',
  },
  {
    who: 'agent',
    resembles: 'VIOLENCE_OR_THREAT',
    text: 'Let me kill the session on my end and have you retry.',
    reply: 'Okay, retrying now.',
  },
  {
    who: 'agent',
    resembles: 'VIOLENCE_OR_THREAT',
    text: "I'll just hit refresh and take another stab at it.",
    reply: 'Sure.',
  },
  {
    who: 'agent',
    resembles: 'VIOLENCE_OR_THREAT',
    text: "We'll knock that fee off, no problem.",
    reply: 'Oh, thank you.',
  },
  {
    who: 'customer',
    resembles: 'VIOLENCE_OR_THREAT',
    text: "Honestly, I'm dying to get this sorted out.",
    reply: "Let's get it sorted, then.",
  },
  {
    who: 'customer',
    resembles: 'VIOLENCE_OR_THREAT',
    text: 'My brother says you guys are killing it with the new app.',
    reply: "That's great to hear.",
  },
  {
    who: 'customer',
    resembles: 'INSULT',
    text: "I'm not trying to be a pain in the neck here.",
    reply: "Not at all, you're fine.",
  },
  {
    who: 'customer',
    resembles: 'PROFANITY',
    text: 'That hold music was sick, by the way.',
    reply: "Ha, I'll pass that along.",
  },
];
