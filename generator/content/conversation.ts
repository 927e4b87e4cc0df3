import { agent, customer, type Exchange } from './line.js';

/** Topic-independent lines of a call. Slots: see generator/render-template.ts. */

export const INBOUND_GREETINGS = [
  'Thank you for calling {company}, my name is {agentFirst}, how can I help you today?',
  "{greetingTime}, you've reached {company}. This is {agentFirst}, how may I help you?",
  '{company}, this is {agentFirst} speaking. What can I do for you?',
  'Hi, thanks for calling {company}. My name is {agentFirst}. How can I help?',
  '{greetingTime} and thank you for calling {company}. {agentFirst} speaking, how can I help you?',
] as const;

export const REQUEST_OPENERS = [
  '',
  'Hi. ',
  'Hi there. ',
  'Yeah, hi. ',
  'Hello, {agentFirst}. ',
  'Hi, good {dayPart}. ',
] as const;

export const VERIFICATION: readonly Exchange[] = [
  [
    agent("I'd be happy to help with that. Can I start with your full name and date of birth?"),
    customer("Yes, it's {customerName}, date of birth {dob}."),
  ],
  [
    agent('Sure, I can look into that for you. First, could you verify your name and date of birth for me?'),
    customer('{customerName}. My date of birth is {dob}.'),
  ],
  [
    agent('Absolutely. Before we get started, may I have your full name and your date of birth?'),
    customer('Sure. {customerName}, born {dob}.'),
  ],
];

export const PHONE_VERIFICATION: readonly Exchange[] = [
  [
    agent('Thank you, {firstName}. And can you confirm the phone number on the account?'),
    customer("It's {phone}."),
  ],
  [agent("Thanks, {firstName}. What's the best phone number for you?"), customer('Sure, {phone}.')],
  [agent('Thank you. And the phone number we have on file?'), customer('That would be {phone}.')],
];

export const OUTBOUND_OPENING: readonly Exchange[] = [
  [
    customer('Hello?'),
    agent('Hi, this is {agentFirst} calling from {company}. Am I speaking with {customerName}?'),
    customer('Yes, speaking.'),
    agent("Great. I'm returning your call about {about}."),
  ],
  [
    customer('Hello, this is {firstName}.'),
    agent(
      "Hi {firstName}, it's {agentFirst} from {company}. I'm following up on {about}. Is now a good time?",
    ),
    customer('Yes, now is fine.'),
  ],
];

export const OUTBOUND_REQUEST_OPENERS = [
  'Oh good, thanks for calling back. ',
  'Yes, thank you. ',
  'Right. ',
] as const;

export const CLOSINGS: readonly Exchange[] = [
  [
    agent('Is there anything else I can help you with today?'),
    customer("No, that's all. Thank you.", 'POSITIVE'),
    agent('Thank you for calling {company}. Have a great day.', 'POSITIVE'),
    customer('You too, bye.'),
  ],
  [
    agent('Anything else I can do for you?'),
    customer('Nope, that covers it. Thanks.', 'POSITIVE'),
    agent("You're welcome, {firstName}. Take care.", 'POSITIVE'),
  ],
  [
    agent('Is there anything else on your mind today?'),
    customer("No, I think that's everything."),
    agent('Alright. Thanks for choosing {company}, and have a good one.', 'POSITIVE'),
    customer('Thanks, bye.'),
  ],
];

export const CALLBACK_OUTCOMES = [
  {
    agent:
      "I've opened a case with our {team} team. Someone will call you back within {days} business days at {phone}.",
    customer: "Okay. I'll wait for the call.",
    summary:
      'The agent opened a case, and the {team} team will call the customer back within {days} business days.',
  },
  {
    agent:
      "I can't finish this on my end today, so I've escalated it. A specialist will call you back by {weekday}.",
    customer: 'Alright, please make sure they do.',
    summary: 'The agent escalated the request, and a specialist will call the customer back by {weekday}.',
  },
] as const;

export const UNRESOLVED_OUTCOMES = [
  {
    agent: "I'm sorry, I'm not able to approve that today.",
    customer: "That's really disappointing.",
    summary: 'The agent could not approve the request, and the issue remains unresolved.',
  },
  {
    agent: "I'm afraid our system won't let me make that change right now.",
    customer: "Well, that's frustrating.",
    summary: 'A system limitation prevented the agent from completing the request.',
  },
  {
    agent: 'Would you like me to go ahead with that, or would you prefer some time to think about it?',
    customer: "Let me think about it and I'll call back.",
    summary: 'The customer decided to think it over and call back later.',
  },
] as const;

export const HOLD_REQUESTS: readonly Exchange[] = [
  [agent('Let me place you on a brief hold while I look into this.'), customer('Sure.')],
  [
    agent('Do you mind if I put you on hold for a moment while I check with my supervisor?'),
    customer('No, go ahead.'),
  ],
  [agent("Bear with me, I'm going to place you on hold for just a minute or two."), customer('Okay.')],
];

export const HOLD_RETURNS: readonly Exchange[] = [
  [agent('Thank you so much for holding, {firstName}. I have the details now.'), customer('Okay, great.')],
  [agent('Thanks for your patience. I was able to pull everything up.'), customer('No problem.')],
  [agent("I'm back, sorry for the wait."), customer("That's alright.")],
];

export const BLIND_TRANSFER_ANNOUNCEMENTS: readonly Exchange[] = [
  [
    agent(
      "That's something our {nextTeam} team handles. I'm going to transfer you over to them now, so please stay on the line.",
    ),
    customer('Okay, thank you.'),
  ],
  [
    agent("I'll need to send you over to {nextTeam} for that. One moment while I transfer you."),
    customer('Alright.'),
  ],
];

export const TRANSFERRED_GREETINGS: readonly Exchange[] = [
  [
    agent("Thanks for holding, this is {agentFirst} with {team}. I understand you're calling about {about}?"),
    customer("Yes, that's right."),
  ],
  [
    agent('Hi, {agentFirst} in {team}. I see my colleague transferred you about {about}. Is that correct?'),
    customer('Yeah, I already explained it once, but yes.', 'NEGATIVE'),
  ],
];

export const CONSULT_REQUESTS: readonly Exchange[] = [
  [
    agent("Let me get someone from our {nextTeam} team on the line for you. I'll place you on a brief hold."),
    customer('Sure.'),
  ],
  [
    agent('I want to bring in a colleague from {nextTeam}. Can you hold for a moment while I reach them?'),
    customer('Okay.'),
  ],
];

/** Spoken in the conference while both agents are on the call. */
export const CONSULT_INTRODUCTIONS = [
  {
    handingOff: '{nextAgentFirst}, I have {customerName} on the line, calling about {reason}.',
    receiving: 'Thanks, {prevAgentFirst}. I can take it from here.',
    farewell: '{firstName}, {nextAgentFirst} is going to take good care of you. Have a great day.',
  },
  {
    handingOff: 'Hi {nextAgentFirst}, thanks for joining. {customerName} is calling about {reason}.',
    receiving: 'Got it, thank you {prevAgentFirst}.',
    farewell: "I'll let you two continue. Take care, {firstName}.",
  },
] as const;

export const CONSULT_RECEIVER_OPENINGS: readonly Exchange[] = [
  [agent('Hi {firstName}, so I have your account pulled up here.'), customer('Great, thanks.')],
  [agent("Hello {firstName}, let's get this sorted out for you."), customer('Thank you.')],
];

export const TOXIC_RESPONSES = [
  "I understand you're frustrated, and I do want to help.",
  "I'd ask that we keep this respectful, {firstName}. I'm here to help you.",
  "I hear you. Let's see what I can do.",
] as const;

/** Fillers that lengthen a call (benchmarks) without changing its topic. */
export const FOLLOW_UPS: readonly Exchange[] = [
  [agent('While I have you, is the email on file still current?'), customer("Yes, it's still {email}.")],
  [
    agent('Would you like me to turn on text alerts for your account?'),
    customer('Sure, that would be helpful.'),
  ],
  [
    customer('Is there a way to get notified if this happens again?'),
    agent('Yes, you can set up alerts in the app under settings.'),
  ],
  [agent("Just so you know, I'm noting all of this on your account."), customer('Okay, good.')],
  [
    customer('Sorry, can you repeat that last part?'),
    agent('Of course. It should be updated within one business day.'),
  ],
  [agent('Bear with me, the system is a bit slow today.'), customer('No problem, take your time.')],
  [
    customer('Will this affect my credit score at all?'),
    agent('No, this will not have any effect on your credit.'),
  ],
  [agent('Can you confirm your mailing address for me?'), customer("Sure, it's {address}.")],
  [customer('Do I need to do anything on my end?'), agent("No, there's nothing else you need to do.")],
  [customer('How will I know that it worked?'), agent("You'll get a confirmation email within the hour.")],
  [agent('Is the number ending in {phoneLast4} still the best way to reach you?'), customer('Yes, it is.')],
  [
    customer("I've been a customer for almost ten years, by the way."),
    agent('We really appreciate your loyalty.', 'POSITIVE'),
  ],
  [agent("I'm going to read back what I've changed so far."), customer('Okay, go ahead.')],
  [
    customer('My husband also has an account. Does this affect his?'),
    agent("No, his account is separate and won't be affected."),
  ],
  [customer('Is there a fee for this?'), agent("No, there's no fee for this.")],
  [agent("Okay, I'm updating the notes on your file now."), customer('Sure.')],
  [
    customer('Can I get a reference number for this call?'),
    agent('Of course, your reference number is {confirmation}.'),
  ],
  [agent('Let me double check one more thing.'), customer('Sure.')],
  [customer('How long does this usually take?'), agent('Usually about three to five business days.')],
  [
    agent('Have you had a chance to try our mobile app?'),
    customer('I have it, but I mostly use the website.'),
  ],
  [customer('Sorry, my dog is barking in the background.'), agent('No worries at all.', 'POSITIVE')],
  [agent("And you're still at the same address, correct?"), customer('Yes, nothing has changed.')],
  [customer('Can you send me something in writing?'), agent("Yes, I'll send a summary to your email.")],
  [agent('Is there a good time of day to reach you, if we need to?'), customer('Afternoons are best.')],
];
