import { beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalSummarizer,
  identityDataOnly,
} from '../../adapters/local/summary/extractive-summarizer.js';
import { loadTaxonomy } from '../../adapters/local/topics/taxonomy-file.js';
import { loadTopicModel } from '../../adapters/local/topics/topic-model-file.js';
import { createLexiconAbuseFilter } from '../../adapters/local/toxicity/abuse-filter.js';
import type { AbuseFilter } from '../../core/enrich/abuse.js';
import { REAL_THING, requestStart } from '../../core/enrich/call-structure.js';
import { summarizeCall } from '../../core/enrich/summary.js';
import type { Summarizer } from '../../core/ports/summarizer.js';
import type { TurnRole } from '../../schemas/call-document.js';
import { callbackTurns, callWithTurns } from './call-fixture.js';

/** The embedded summarizer on the taxonomy's topic model, with or without an abuse filter. */
const localSummarizer = async (abuse?: AbuseFilter): Promise<Summarizer> => {
  const taxonomy = await loadTaxonomy();
  return createLocalSummarizer({
    topicModel: loadTopicModel(taxonomy).model,
    topicLabels: new Map(taxonomy.topics.map((t) => [t.id, t.label])),
    ...(abuse ? { abuse } : {}),
  });
};

let summarizer: Summarizer;
beforeAll(async () => {
  summarizer = await localSummarizer();
});

/** The agent's words joined to the reason: a saying-back "(agent: …)" or, since summarizer 38, an answer "(agent replied: …)". */
const AGENT_JOINED = /\(agent(?: replied)?: /u;

const CALL = callWithTurns([
  ['IVR', 'Thank you for calling. Your call may be recorded.'],
  ['AGENT', 'Thank you for calling First Bank, this is Sam. How can I help you today?'],
  ['CUSTOMER', 'Hi. Yes. Sorry, can you hold on, someone is at the door.'],
  ['CUSTOMER', 'My name is [PII].'],
  ['CUSTOMER', 'I was charged a late fee on my statement even though I paid on time. I want it removed.'],
  ['AGENT', 'Let me check. I can see the payment arrived one day after the due date.'],
  ['AGENT', "I've removed the late fee as a courtesy. You'll see the credit on your next statement."],
  ['CUSTOMER', 'Great, that fixed it. Thanks.'],
  ['AGENT', 'Is there anything else I can help you with? Have a great day.'],
]);

describe('extractive summarizer', () => {
  it("gives the customer's request with its topic, the agent's last action and the outcome", async () => {
    // Act
    const { value, lineage } = await summarizeCall(CALL, summarizer);
    // Assess
    expect(value.reasonForCall).toBe(
      'billing: I was charged a late fee on my statement even though I paid on time. I want it removed.',
    );
    expect(value.resolution).toBe(
      "I've removed the late fee as a courtesy. You'll see the credit on your next statement.",
    );
    expect(value.outcome).toBe('resolved');
    expect(value.resolved).toBe(true);
    expect(value.summary).toBe(
      `Customer called about ${value.reasonForCall} Agent: ${value.resolution} Outcome: resolved.`,
    );
    expect(lineage).toMatchObject({ engine: 'local-extractive', version: '47', promptHash: null });
    expect(lineage.modelHash).toMatch(/^[0-9a-f]{32}\+[0-9a-f]{32}$/);
  });

  it("without a topic the summary gives the caller's words as said, not 'called about <a question>'", async () => {
    // Prepare: the rules alone (no topic model), so the reason has no topic
    const rulesOnly = createLocalSummarizer({});
    // Act
    const { value } = await summarizeCall(CALL, rulesOnly);
    // Assess
    expect(value.reasonForCall).toMatch(/^I was charged a late fee/);
    expect(value.summary).toMatch(/^Customer said: I was charged a late fee/);
    expect(value.summary).not.toMatch(/called about/);
  });

  it.each([
    [
      "Good morning. I'm calling for my wife, Odile, she's the account holder but she's in the garden with the bees.",
      "What's needed?",
    ],
    [
      "Hello. I'm ringing about my uncle's current account, I look after his affairs these days, the power of attorney went through with you last year.",
      "Thank you, that's all in order. What's happened?",
    ],
  ])(
    'quotes the telling after the checks, not who the caller rings for (summarizer 41): %s',
    async (opening, invitation) => {
      // Prepare: the caller sets out for whom they ring, the agent checks who may speak, then asks what it is
      const call = callWithTurns([
        ['AGENT', 'Hartwell Savings, Ines speaking.'],
        ['CUSTOMER', opening],
        ['AGENT', 'Can I take your name and the account number?'],
        ['CUSTOMER', 'Bertrand Lefevre, and the number is [PII].'],
        ['AGENT', invitation],
        [
          'CUSTOMER',
          'There is a charge of nine pounds fifty on the statement for going overdrawn and the account was never overdrawn.',
        ],
        ['AGENT', "I can see it. That was applied in error, I've refunded the nine pounds fifty."],
        ['CUSTOMER', 'Brilliant, thank you.'],
      ]);
      // Act
      const { value } = await summarizeCall(call, summarizer);
      // Assess
      expect(value.reasonForCall).toContain('There is a charge of nine pounds fifty');
      expect(value.reasonForCall).not.toMatch(/calling for|phoning for|affairs/u);
    },
  );

  it.each([
    ['Yep.', true],
    ['Correct.', true],
    ['That is right.', true],
    ["Yeah, that's right.", true],
    ['Mm-hm.', true],
    ['Sure.', true],
    ["Yes, but it's something else today: my card was swallowed by the cash machine.", false],
  ] as const)(
    'quotes the agent recalling the last contact when the caller only says yes (summarizer 42): %s',
    async (answer, recalled) => {
      // Prepare: the agent reads the last contact off the record and asks if it is that again
      const call = callWithTurns([
        [
          'AGENT',
          'Harrowgate Mutual, Odette speaking. I can see you phoned on Tuesday about moving your loan repayment to the fifteenth of the month. Is that still it?',
        ],
        ['CUSTOMER', answer],
        ['AGENT', 'Can I have the first line of the postcode, please?'],
        ['CUSTOMER', 'Delta Hotel nine.'],
        ['AGENT', "Thanks. I've moved it, the next one comes out on the fifteenth."],
        ['CUSTOMER', 'Smashing.'],
      ]);
      // Act
      const { value } = await summarizeCall(call, summarizer);
      // Assess
      if (recalled) {
        expect(value.reasonForCall).toContain(
          '(agent: I can see you phoned on Tuesday about moving your loan repayment to the fifteenth of the month.)',
        );
        expect(value.reasonForCall).toMatch(new RegExp(`\\) ${answer.replace('.', '\\.')}$`, 'u'));
        expect(value.summary).toMatch(/^Customer called about /u);
      } else {
        expect(value.reasonForCall).toContain('my card was swallowed by the cash machine');
        expect(value.reasonForCall).not.toContain('(agent: I can see you phoned');
      }
      expect(value.reasonForCall).not.toContain('Delta Hotel');
    },
  );

  it.each([
    [
      'the recall in a turn of its own after the greeting',
      [
        ['AGENT', 'Harrowgate Mutual, Odette speaking.'],
        ['CUSTOMER', 'Hiya.'],
        [
          'AGENT',
          'I can see you phoned on Tuesday about moving your loan repayment to the fifteenth of the month. Is that still it?',
        ],
        ['CUSTOMER', 'Yep.'],
      ],
      true,
    ],
    [
      'the question tagged on after a dash',
      [
        [
          'AGENT',
          'Harrowgate Mutual, Odette speaking. I can see you phoned on Tuesday about moving your loan repayment to the fifteenth of the month — is it that again?',
        ],
        ['CUSTOMER', 'Yep.'],
      ],
      true,
    ],
    [
      'a closing question about something else',
      [
        [
          'AGENT',
          'Harrowgate Mutual, Odette speaking. I can see you phoned on Tuesday about moving your loan repayment to the fifteenth of the month. Did that all go through okay?',
        ],
        ['CUSTOMER', 'Yes.'],
        ['AGENT', 'Good. And what can I do for you today?'],
        ['CUSTOMER', "I'd like a replacement debit card, the chip on mine has cracked."],
      ],
      false,
    ],
    [
      'a closing question that checks identity',
      [
        [
          'AGENT',
          'Harrowgate Mutual, Odette speaking. I can see you phoned on Tuesday about moving your loan repayment to the fifteenth of the month. Are you still at the same address?',
        ],
        ['CUSTOMER', 'Yes.'],
        ['AGENT', 'Lovely. How can I help?'],
        ['CUSTOMER', "I'd like a replacement debit card, the chip on mine has cracked."],
      ],
      false,
    ],
    [
      'a yes the caller goes on from in a turn of their own',
      [
        [
          'AGENT',
          'Harrowgate Mutual, Odette speaking. I can see you phoned on Tuesday about moving your loan repayment to the fifteenth of the month. Is that still it?',
        ],
        ['CUSTOMER', 'Yes.'],
        ['CUSTOMER', "I'd like a replacement debit card as well, the chip on mine has cracked."],
      ],
      false,
    ],
  ] as const)(
    'reads the agent recalling the last contact only when their question points back at it (summarizer 43): %s',
    async (_shape, opening, recalled) => {
      // Prepare
      const call = callWithTurns([
        ...(opening as unknown as [TurnRole, string][]),
        ['AGENT', "Thanks. I've sorted that for you now."],
        ['CUSTOMER', 'Smashing.'],
      ]);
      // Act
      const { value } = await summarizeCall(call, summarizer);
      // Assess
      if (recalled)
        expect(value.reasonForCall).toMatch(
          /^[^:]*: \(agent: I can see you phoned on Tuesday about moving your loan repayment to the fifteenth of the month\.\) Yep\.$/u,
        );
      else {
        expect(value.reasonForCall).toContain('replacement debit card');
        expect(value.reasonForCall).not.toContain('(agent: I can see you phoned');
      }
    },
  );

  it('keeps the request the caller made before the agent\'s "Go ahead." to the details they announced (summarizer 43)', async () => {
    // Prepare: the caller asks, announces details to read out; the agent only lets them go on
    const turns: [TurnRole, string][] = [
      ['AGENT', 'Ashby Pensions, Corentin speaking.'],
      [
        'CUSTOMER',
        "Good morning. I'd like to move my old works pension from the brewery into my plan with you. I've got the paperwork here, I'll read it out.",
      ],
      ['AGENT', 'Lovely. Go ahead.'],
      ['CUSTOMER', 'It is the Tadcaster Maltings Retirement Scheme, reference T M nine nine one four.'],
      ['AGENT', "Thank you. I've started the transfer; it takes about six weeks."],
      ['CUSTOMER', 'Very good.'],
    ];
    // Act
    const { value } = await summarizeCall(callWithTurns(turns), summarizer);
    // Assess
    expect(value.reasonForCall).toContain('move my old works pension');
    expect(requestStart(turns.map(([role, text]) => ({ role, text })))).toBe(0);
    // without the caller's own ask first, "Go ahead." still starts the request ("Can I ask something?" "Go ahead.")
    expect(
      requestStart([
        { role: 'AGENT', text: 'Ashby Pensions, Corentin speaking.' },
        {
          role: 'CUSTOMER',
          text: 'Hello there, is it all right if I ask you something about the weather first?',
        },
        { role: 'AGENT', text: 'Go ahead.' },
      ]),
    ).toBe(2);
  });

  it("goes on into the caller's next turn when the agent says the line cut what they said (summarizer 42)", async () => {
    // Prepare: the request is cut off by a bad line, the agent says so, the caller says it again
    const turns: [TurnRole, string][] = [
      ['AGENT', 'Wendlebury Building Society, Piet speaking.'],
      ['CUSTOMER', "Hi, I'd like to cancel the, hello? Are you there?"],
      ['AGENT', 'Still here. Sorry, you cut out there. Cancel what?'],
      ['CUSTOMER', "The home contents cover. I've moved in with my sister and she has her own."],
      ['AGENT', "Right. I've cancelled the contents cover from today."],
      ['CUSTOMER', 'Lovely, ta.'],
    ];
    // Act
    const { value } = await summarizeCall(callWithTurns(turns), summarizer);
    const { value: clear } = await summarizeCall(
      callWithTurns(turns.map(([role, text], i) => [role, i === 2 ? 'Still here. Cancel what?' : text])),
      summarizer,
    );
    // Assess: with the line trouble, the caller's next turn joins; without it, it does not
    expect(value.reasonForCall).toContain('The home contents cover.');
    expect(clear.reasonForCall).not.toContain('The home contents cover.');
  });

  it.each([
    'Were you there when it happened?',
    "You've gone over your overdraft on it, I'm afraid. Is it the one ending two two?",
    'Pardon? Two hundred pounds?',
    "Sorry, I didn't catch your name.",
    "You've gone quiet on me.",
    // "cutting out"/"breaking up" with an object: the cover, not the line (helper-208)
    "So you're cutting out the contents cover altogether?",
    "Right, so you're cutting out the cover but keeping the buildings part?",
  ])(
    "does not go on into the caller's next turn when the agent's words only look like a bad line (summarizer 43): %s",
    async (reply) => {
      // Prepare: the request is said whole; the agent's reply has words a bad line also uses
      const turns: [TurnRole, string][] = [
        ['AGENT', 'Wendlebury Building Society, Piet speaking.'],
        ['CUSTOMER', "Hi, I'd like to cancel the home contents cover please."],
        ['AGENT', reply],
        ['CUSTOMER', 'Yes, that one. My sister had a new kitchen fitted in March.'],
        ['AGENT', "Right. I've cancelled the contents cover from today."],
        ['CUSTOMER', 'Lovely, ta.'],
      ];
      // Act
      const { value } = await summarizeCall(callWithTurns(turns), summarizer);
      // Assess
      expect(value.reasonForCall).toContain('cancel the home contents cover');
      expect(value.reasonForCall).not.toContain('new kitchen');
    },
  );

  it.each([
    ['Right, the real reason.', false],
    ['Okay, the actual thing.', false],
    ['Now the main thing I rang about.', false],
    ["Now, the real reason I'm calling.", false],
    ["Now, the real reason I'm calling.", true],
    ['Right, the actual thing I rang about.', true],
  ] as const)(
    'quotes the request the caller marks after a few small questions (summarizer 42; alone in its turn, summarizer 43): %s alone: %s',
    async (marker, alone) => {
      // Prepare: three small questions the agent answers, then the marked request
      const call = callWithTurns([
        ['AGENT', 'Thornbury Savings, Maxime speaking.'],
        ['CUSTOMER', 'Hello there, two or three little ones. Do you open on bank holidays?'],
        ['AGENT', 'Not on bank holidays, no.'],
        ['CUSTOMER', 'And is the Saturday opening still half nine?'],
        ['AGENT', 'Half nine till half twelve.'],
        ['CUSTOMER', 'Do you still give out those paying-in books?'],
        ['AGENT', 'We do, I can post one.'],
        ...((alone
          ? [
              ['CUSTOMER', `Lovely. ${marker}`],
              ['AGENT', 'Go on.'],
              [
                'CUSTOMER',
                "Somebody took forty pounds off my card in a shop in Lisbon and I've never been to Portugal.",
              ],
            ]
          : [
              [
                'CUSTOMER',
                `Lovely. ${marker} Somebody took forty pounds off my card in a shop in Lisbon and I've never been to Portugal.`,
              ],
            ]) as [TurnRole, string][]),
        ['AGENT', "I'm sorry. I've stopped the card and I'm raising a dispute for the forty pounds."],
        ['CUSTOMER', 'Thank you.'],
      ]);
      // Act
      const { value } = await summarizeCall(call, summarizer);
      // Assess
      expect(value.reasonForCall).toMatch(/^fraud report[^:]*: /u);
      expect(value.reasonForCall).toContain('Somebody took forty pounds off my card');
      expect(value.reasonForCall).not.toMatch(/bank holidays|Saturday|paying-in/u);
    },
  );

  // helper-208's review of summarizer 43 (fresh words; each case fails on summarizer 46; summarizer 47)
  it.each([
    [
      'a "still"/"same" question about the caller, not the recall',
      'Are you still driving the same car?',
      false,
    ],
    ['a "right?" tag on something else', "You're with us for the home insurance as well, right?", false],
    ['"what you\'re ringing up about"', "Is that what you're ringing up about?", true],
    ['"what you\'re after"', "Is that what you're after today?", true],
    ['"to do with that"', 'Is it to do with that?', true],
  ] as const)(
    'reads the agent recalling the last contact only when their question points back at it (helper-208): %s',
    async (_shape, question, recalled) => {
      // Prepare: the recall, a closing question, the caller's bare yes
      const call = callWithTurns([
        [
          'AGENT',
          `Pelham Building Society, Imogen speaking. I can see you rang us on Friday about adding your son to your car insurance. ${question}`,
        ],
        ['CUSTOMER', 'Yes.'],
        ...((recalled
          ? [['AGENT', "Lovely. I've added your son as a named driver from today."]]
          : [
              ['AGENT', 'Lovely. And what can I do for you today?'],
              ['CUSTOMER', "I'd like a new debit card, mine has snapped in half at the chip."],
              ['AGENT', "I've ordered a new card, it'll be with you in five days."],
            ]) as [TurnRole, string][]),
        ['CUSTOMER', 'Thanks.'],
      ]);
      // Act
      const { value } = await summarizeCall(call, summarizer);
      // Assess
      if (recalled)
        expect(value.reasonForCall).toMatch(
          /: \(agent: I can see you rang us on Friday about adding your son to your car insurance\.\) Yes\.$/u,
        );
      else {
        expect(value.reasonForCall).toContain('new debit card');
        expect(value.reasonForCall).not.toContain('(agent: I can see you rang');
      }
    },
  );

  it.each(['Sorry, you dropped out there. Take out what?', 'I beg your pardon?', 'Beg pardon?'])(
    "goes on into the caller's next turn when the agent says the line cut them or asks again (helper-208): %s",
    async (reply) => {
      // Prepare: the request is cut off, the agent did not hear it, the caller says the rest
      const turns: [TurnRole, string][] = [
        ['AGENT', 'Kestle Pensions, Ruairi speaking.'],
        ['CUSTOMER', "Morning. I'm sixty next month and I want to take out"],
        ['AGENT', reply],
        ['CUSTOMER', 'A quarter of my pension as a tax-free lump sum, paid into my bank.'],
        ['AGENT', "I've put the lump sum request through, it'll be paid in ten working days."],
        ['CUSTOMER', 'Cheers.'],
      ];
      // Act
      const { value } = await summarizeCall(callWithTurns(turns), summarizer);
      // Assess
      expect(value.reasonForCall).toContain('tax-free lump sum');
    },
  );

  it.each(['My main business.', 'The main business.'])(
    "does not read the caller's answer naming their business as the marker of the real request (helper-208): %s",
    async (answer) => {
      // Prepare: a sole trader asks, then answers the agent's which-one question with "my main business"
      const call = callWithTurns([
        ['AGENT', 'Harbour Bank business line, Tamsin speaking.'],
        [
          'CUSTOMER',
          "Hi, I'd like to order a second card reader for the counter, the one we've got keeps dropping the signal.",
        ],
        ['AGENT', 'I can do that. Is that for your main business or the second shop?'],
        ['CUSTOMER', answer],
        ['AGENT', 'Okay, noted.'],
        ['CUSTOMER', "Oh and while I'm on, what are your opening times at the Truro branch?"],
        ['AGENT', "Nine till five. I've ordered the reader, it'll be with you Thursday."],
        ['CUSTOMER', 'Lovely, thanks.'],
      ]);
      // Act
      const { value } = await summarizeCall(call, summarizer);
      // Assess
      expect(value.reasonForCall).toContain('second card reader');
      expect(value.reasonForCall).not.toContain('opening times');
      // the marker itself still reads as one with a lead-in or a tail
      expect(REAL_THING.test('Right, on to the main business.')).toBe(true);
      expect(REAL_THING.test("The main business I'm calling about.")).toBe(true);
      expect(REAL_THING.test(answer)).toBe(false);
    },
  );

  it('reads a reference with the letter A or I in it as read out, an amount still not (helper-208)', () => {
    for (const answer of [
      'A K, seven seven one, four oh.',
      "It's I J, three three, two one.",
      'B A, six six, oh two.',
    ])
      expect(identityDataOnly(answer), answer).toBe(true);
    for (const said of [
      'Three thousand, a year.',
      "It's two hundred and fifty.",
      'I want a new card.',
      'A new card.',
    ])
      expect(identityDataOnly(said), said).toBe(false);
  });

  it.each([
    [
      "Hiya, can you hear me all right? I'm on the hands-free in the car and the signal comes and goes.",
      'Loud and clear. Go ahead.',
    ],
    [
      "Hello, I'd like to check I've come through to the right department before I start, is this the savings team?",
      'It is, yes. Go ahead.',
    ],
  ])(
    '"Go ahead." after a question before the request, not an ask with details announced, starts the request (helper-208): %s',
    (before, invite) => {
      expect(
        requestStart([
          { role: 'AGENT', text: 'Calder Vale Building Society, Oisin speaking.' },
          { role: 'CUSTOMER', text: before },
          { role: 'AGENT', text: invite },
          {
            role: 'CUSTOMER',
            text: 'Somebody has been taking money out of my savings with a card I never asked for.',
          },
        ]),
      ).toBe(2);
    },
  );

  it('never gives a number or reference read out as the reason (summarizer 42)', async () => {
    // Prepare: the caller answers the agent's question with a reference before saying anything of their own
    const call = callWithTurns([
      ['AGENT', 'Morland Pensions, Anouk speaking. Have you got your plan reference there?'],
      ['CUSTOMER', 'Got it. K T, seven seven one, four oh.'],
      ['AGENT', 'Thank you. And what can I do for you?'],
      ['CUSTOMER', 'I want to take my pension a year early, at sixty-four.'],
      ['AGENT', "That's possible. I'll send you the forms today."],
    ]);
    // Act
    const { value } = await summarizeCall(call, summarizer);
    // Assess
    expect(value.reasonForCall).toContain('take my pension a year early');
    expect(value.reasonForCall).not.toMatch(/seven seven one/u);
    for (const answer of [
      'Six oh, two two, four four.',
      'Account four one eight six, nine oh five three.',
      'W P, four one eight eight, two.',
      "It's 40 22 17.",
    ])
      expect(identityDataOnly(answer), answer).toBe(true);
    for (const said of [
      'Four point two.',
      'I paid three hundred and fifty pounds five days ago.',
      'I want a new card.',
      'Two two five went out twice.',
      // amounts are not references (helper-202's review)
      "It's two hundred and fifty.",
      'Three thousand, a year.',
      'Forty five pounds twenty.',
    ])
      expect(identityDataOnly(said), said).toBe(false);
  });

  it('never quotes IVR prompts, greetings, identification or small talk', async () => {
    const { value } = await summarizeCall(CALL, summarizer);
    for (const filler of ['Your call may be recorded', 'Hi. Yes.', 'My name is', 'someone is at the door']) {
      expect(value.summary).not.toContain(filler);
    }
  });

  it('finds a request stated late, after small talk', async () => {
    const doc = callWithTurns([
      ['AGENT', 'Good morning, this is Lee.'],
      ['CUSTOMER', 'Morning Lee, how are you? The weather is lovely today.'],
      ['AGENT', "It is, isn't it."],
      ['CUSTOMER', 'Anyway, I moved to a new flat and my statements should go there now.'],
      ['AGENT', "I've updated your mailing address."],
    ]);
    const { value } = await summarizeCall(doc, summarizer);
    expect(value.reasonForCall).toBe(
      'address change: I moved to a new flat and my statements should go there now.',
    );
  });

  it('takes the sentence the caller names as the reason, and a request with small-talk words in it', async () => {
    // Prepare: a topical-sounding question first, then "the reason im calling"; a trip in the request
    const stated = callWithTurns([
      ['AGENT', 'osprey federal this is ty'],
      ['CUSTOMER', 'hey ty do you guys still have the free coffee at the branch'],
      ['AGENT', 'we do on mondays'],
      ['CUSTOMER', 'nice ok so the reason im calling my credit report shows a loan i never applied for'],
      ['AGENT', 'ive flagged it as identity theft'],
    ]);
    const trip = callWithTurns([
      ['AGENT', 'Granite Peak Bank, this is Lou.'],
      [
        'CUSTOMER',
        'Hi Lou. I paid for dinner with my card on vacation and there is a foreign transaction fee on it.',
      ],
      ['AGENT', "I've refunded the fee."],
    ]);
    // Act
    const a = (await summarizeCall(stated, summarizer)).value;
    const b = (await summarizeCall(trip, summarizer)).value;
    // Assess
    expect(a.reasonForCall).toMatch(/credit report shows a loan i never applied for$/u);
    expect(b.reasonForCall).toMatch(
      /I paid for dinner with my card on vacation and there is a foreign transaction fee on it\.$/u,
    );
  });

  it("takes the request after the agent's late invitation, and after the caller turns back to business", async () => {
    // Prepare: a well-wish before "How can I help?"; a topical aside ("cancel the barbecue") before "anyway"
    const invited = callWithTurns([
      ['AGENT', 'Fernhill Bank, Ada speaking.'],
      ['CUSTOMER', 'Hi Ada, I hope the snow has not reached you yet.'],
      ['AGENT', 'Not yet! How can I help?'],
      [
        'CUSTOMER',
        'Someone took my wallet on the bus this morning and my debit card was in it. Please block it.',
      ],
      ['AGENT', "I've blocked the card and ordered a new one."],
    ]);
    const aside = callWithTurns([
      ['AGENT', 'fernhill bank this is ada'],
      ['CUSTOMER', 'hi ada how was your weekend'],
      ['AGENT', 'wet it poured all saturday'],
      ['CUSTOMER', 'same here we had to cancel the picnic'],
      ['AGENT', 'oh what a shame'],
      ['CUSTOMER', 'yeah anyway my paycheck came in so i want to pay off the rest of my car loan today'],
      ['AGENT', "the payoff is two thousand and ten, I've taken it from your checking"],
    ]);
    // Act
    const a = (await summarizeCall(invited, summarizer)).value;
    const b = (await summarizeCall(aside, summarizer)).value;
    // Assess
    expect(a.reasonForCall).toMatch(/^fraud report: Someone took my wallet on the bus/u);
    expect(b.reasonForCall).toMatch(/pay off the rest of my car loan today$/u);
    expect(b.reasonForCall).not.toMatch(/picnic/u);
  });

  it("leaves out an aside before 'anyway' in the same turn, and a second matter the caller adds after the request", async () => {
    // Prepare
    const aside = callWithTurns([
      ['AGENT', 'Fernhill Bank, Ada speaking.'],
      ['CUSTOMER', 'Hello Ada.'],
      ['AGENT', 'Hi, go on.'],
      [
        'CUSTOMER',
        'Our roof leaked all through the holidays and the builder still has not come. Anyway, my savings account is no use to me now and I want it closed.',
      ],
      ['AGENT', "I've closed the savings account and moved the balance to your checking."],
    ]);
    const added = callWithTurns([
      ['AGENT', 'Fernhill Bank, Ada speaking.'],
      [
        'CUSTOMER',
        'There is a late fee on my card statement and I paid on the due date. Oh, and my phone number changed last week, so please put the new one on file.',
      ],
      ['AGENT', "I've taken the late fee off. What's the new number?"],
    ]);
    // Act
    const a = (await summarizeCall(aside, summarizer)).value;
    const b = (await summarizeCall(added, summarizer)).value;
    // Assess
    expect(a.reasonForCall).toMatch(/my savings account is no use to me now and I want it closed\.$/u);
    expect(a.reasonForCall).not.toMatch(/roof|builder/u);
    expect(b.reasonForCall).toMatch(/late fee on my card statement/u);
    expect(b.reasonForCall).not.toMatch(/phone number/u);
  });

  it('cuts an unpunctuated speech-recogniser turn where it changes subject, and keeps the request', async () => {
    const doc = callWithTurns([
      ['AGENT', 'bayside bank this is kai'],
      ['CUSTOMER', 'hi kai'],
      ['AGENT', 'hi there'],
      [
        'CUSTOMER',
        'its been snowing all week here and the roads are a mess anyway my card got declined at the pharmacy twice today and i have money in the account',
      ],
      ['AGENT', 'there was a hold on the card ive removed it'],
    ]);
    const { value } = await summarizeCall(doc, summarizer);
    expect(value.reasonForCall).toMatch(/my card got declined at the pharmacy twice today/u);
    expect(value.reasonForCall).not.toMatch(/snowing|roads/u);
  });

  it("drops the greeting and the agent's name from the start of the reason", async () => {
    const doc = callWithTurns([
      ['AGENT', 'harbor lane bank this is ned'],
      [
        'CUSTOMER',
        'hi ned my debit card keeps getting declined at the grocery store and i have money in there',
      ],
      ['AGENT', 'there was a fraud hold ive lifted it'],
    ]);
    const { value } = await summarizeCall(doc, summarizer);
    expect(value.reasonForCall).toMatch(/: my debit card keeps getting declined/u);
  });

  it('leaves what the call does not say as null instead of guessing', async () => {
    // Prepare: no resolution, no commitment, no callback, no word on the outcome
    const doc = callWithTurns([
      ['AGENT', 'Good morning, how can I help?'],
      ['CUSTOMER', 'I need to know why my card was declined at the store yesterday.'],
      ['AGENT', 'Let me look into it.'],
      ['CUSTOMER', 'Hello? Hello?'],
    ]);
    // Act
    const { value } = await summarizeCall(doc, summarizer);
    // Assess
    expect(value).toMatchObject({
      resolution: null,
      resolved: null,
      outcome: null,
      callbackNeeded: null,
      actionItems: [],
      actions: [],
    });
    expect(value.reasonForCall).toContain('I need to know why my card was declined at the store yesterday.');
  });

  it('claims no outcome for a call with no customer speech, and says the customer channel was silent (found by trial22: a silent customer channel landed resolved)', async () => {
    // Prepare: the agent's leg alone, which would end resolved with the caller's words in it
    const agentOnly: [TurnRole, string][] = [
      ['AGENT', 'Thank you for calling First Bank, this is Sam. How can I help you today?'],
      ['AGENT', "I've removed the late fee as a courtesy. You'll see the credit on your next statement."],
      ['AGENT', "That's all sorted for you. Is there anything else I can help you with?"],
    ];
    const heard = callWithTurns([
      agentOnly[0]!,
      ['CUSTOMER', 'I was charged a late fee on my statement even though I paid on time. I want it removed.'],
      agentOnly[1]!,
      agentOnly[2]!,
    ]);
    // Act
    const silent = (await summarizeCall(callWithTurns(agentOnly), summarizer)).value;
    const both = (await summarizeCall(heard, summarizer)).value;
    // Assess
    expect(both.outcome).toBe('resolved');
    expect(silent).toMatchObject({ outcome: null, resolved: null, reasonForCall: null });
    expect(silent.summary).toMatch(
      /^No customer speech: the customer's channel was silent, so the call's reason and outcome are unknown\. Agent: /u,
    );
    expect(silent.summary).not.toMatch(/Outcome:/u);
    // A mono recording has no customer channel: one voice heard is what it says (before: 'the
    // customer's channel was silent' for a mono recording too)
    const mono = (
      await summarizeCall({ ...callWithTurns(agentOnly), roleSource: 'speaker-diarization' }, summarizer)
    ).value;
    expect(mono).toMatchObject({ outcome: null, resolved: null, reasonForCall: null });
    expect(mono.summary).toMatch(
      /^No customer speech: one voice only was heard in the mono recording, so the call's reason and outcome are unknown\. Agent: /u,
    );
  });

  it('tells a follow-up and a refusal from a resolved call, with action items and their owners', async () => {
    // Prepare
    const followUp = callWithTurns([
      ['AGENT', 'Claims, this is Ana.'],
      ['CUSTOMER', 'I want to know the status of my claim for the water damage.'],
      ['AGENT', 'The adjuster will call you back by Friday with an update.'],
      ['AGENT', 'Please send us the plumber invoice in the meantime.'],
      ['CUSTOMER', "I'll send it tonight."],
    ]);
    const refused = callWithTurns([
      ['AGENT', 'Billing, this is Jo.'],
      ['CUSTOMER', 'I want the overdraft fee on my account waived.'],
      ['AGENT', "I'm sorry, I can't waive it, we already refunded one this year."],
      ['CUSTOMER', 'That is not helpful.'],
    ]);
    // Act
    const a = (await summarizeCall(followUp, summarizer)).value;
    const b = (await summarizeCall(refused, summarizer)).value;
    // Assess
    expect(a.outcome).toBe('follow_up');
    expect(a.callbackNeeded).toBe(true);
    expect(a.actions).toEqual([
      { owner: 'company', text: 'The adjuster will call you back by Friday with an update.' },
      { owner: 'customer', text: 'Please send us the plumber invoice in the meantime.' },
      { owner: 'customer', text: "I'll send it tonight." },
    ]);
    expect(a.actionItems).toEqual(a.actions?.map((x) => x.text));
    expect(b.outcome).toBe('not_resolved');
    expect(b.resolved).toBe(false);
  });

  it('ends resolved when the caller takes the answer or accepts the offer, and follow-up when another team will ring', async () => {
    // Prepare: an answered question, an accepted offer, a hand-off told as "they'll ring you"
    const answered = callWithTurns([
      ['AGENT', 'Good morning, how can I help?'],
      ['CUSTOMER', 'What time does the Mill Lane branch shut on Saturdays?'],
      ['AGENT', 'Half past twelve on Saturdays.'],
      ['CUSTOMER', 'Lovely, thanks.'],
    ]);
    const accepted = callWithTurns([
      ['AGENT', 'Cards, this is Lee.'],
      ['CUSTOMER', 'There is a fee for a cash withdrawal on my card that I did not expect.'],
      ['AGENT', 'As it is the first one I can take that off.'],
      ['CUSTOMER', 'Yes please.'],
    ]);
    const handedOff = callWithTurns([
      ['AGENT', 'Payments, this is Kim.'],
      ['CUSTOMER', 'I paid the loan on Monday and it still shows as overdue.'],
      ['AGENT', 'I cannot see it yet, so the payments team ring you tomorrow once they find it.'],
      ['CUSTOMER', 'Thank you.'],
    ]);
    const adjuster = callWithTurns([
      ['AGENT', 'Home claims, this is Raj.'],
      ['CUSTOMER', 'A pipe burst in the loft and the landing ceiling has come down.'],
      ['AGENT', "Right, there's a claim open now, and an adjuster will ring you tomorrow to book a visit."],
      ['CUSTOMER', 'Okay, thank you.'],
    ]);
    const atBranch = callWithTurns([
      ['AGENT', 'Hello, Nadia speaking.'],
      ['CUSTOMER', 'I got married in May and my surname is different now.'],
      [
        'AGENT',
        "Congratulations! If you bring the marriage certificate to any branch we'll change it there.",
      ],
      ['CUSTOMER', 'Great, thanks.'],
    ]);
    // Act
    const outcomes = await Promise.all(
      [answered, accepted, handedOff, adjuster, atBranch].map(
        async (doc) => (await summarizeCall(doc, summarizer)).value.outcome,
      ),
    );
    // Assess
    expect(outcomes).toEqual(['resolved', 'resolved', 'follow_up', 'follow_up', 'follow_up']);
  });

  it('takes the request from the next turn when the agent answered the first with a reaction to chat', async () => {
    // Prepare
    const doc = callWithTurns([
      ['AGENT', 'Good morning, Tamsin speaking.'],
      [
        'CUSTOMER',
        "We're moving house next month, finally, and the solicitor wants three months of bank statements.",
      ],
      ['AGENT', 'How exciting.'],
      ['CUSTOMER', 'But your website just spins when I press download, it never finishes loading.'],
      ['AGENT', "I've emailed the statements to you."],
    ]);
    // Act
    const { value } = await summarizeCall(doc, summarizer);
    // Assess
    expect(value.reasonForCall).toContain('your website just spins');
    expect(value.reasonForCall).not.toContain('moving house');
  });

  it("keeps the request an agent answered with sympathy ('Oh no.'): a problem heard, not chat", async () => {
    // Prepare
    const doc = callWithTurns([
      ['AGENT', 'Good morning, Sam speaking.'],
      ['CUSTOMER', 'Someone stole my purse yesterday and my debit card was in it.'],
      ['AGENT', 'Oh no.'],
      ['CUSTOMER', 'I also moved house last month, so my address needs changing on the account.'],
      ['AGENT', "I've cancelled the card and ordered a new one."],
    ]);
    // Act
    const { value } = await summarizeCall(doc, summarizer);
    // Assess
    expect(value.reasonForCall).toContain('stole my purse');
  });

  it('takes the telling of a vague opening from the next turn, when the agent asked what happened', async () => {
    // Prepare
    const doc = callWithTurns([
      ['AGENT', 'Good morning, Tamsin speaking.'],
      ['CUSTOMER', "I'm calling about my home policy."],
      ['AGENT', 'Of course, what has happened?'],
      [
        'CUSTOMER',
        'A storm last night blew half the roof tiles off and rain is coming through the bedroom ceiling.',
      ],
      ['AGENT', "I've opened a claim and a roofer will call you today."],
    ]);
    // Act
    const { value } = await summarizeCall(doc, summarizer);
    // Assess
    expect(value.reasonForCall).toContain('roof tiles');
  });

  it('keeps an opening that names a policy and tells the problem in the same turn, when the agent asks a detail', async () => {
    // Prepare
    const doc = callWithTurns([
      ['AGENT', 'Good morning, Tamsin speaking.'],
      ['CUSTOMER', "I'm calling about my home policy. A storm last night blew half the roof tiles off."],
      ['AGENT', 'Oh dear, what time was that?'],
      ['CUSTOMER', 'Around ten, and now rain is leaking through the bedroom ceiling onto the carpet.'],
      ['AGENT', "I've opened a claim and a roofer will call you today."],
    ]);
    // Act
    const { value } = await summarizeCall(doc, summarizer);
    // Assess
    expect(value.reasonForCall).toContain('roof tiles');
  });

  it("joins the caller's next turn to a story the agent only acknowledged, and the agent's restating question", async () => {
    // Prepare: the story says what changed, the next turn what the caller wants, the agent names it
    const doc = callWithTurns([
      ['AGENT', 'Good afternoon, Rhona speaking.'],
      ['CUSTOMER', "I've been promoted to team leader from next month, so there's more money coming in."],
      ['AGENT', 'Well done.'],
      ['CUSTOMER', 'So I thought some of it could go towards when I stop working.'],
      ['AGENT', 'Into your pension? Can I take your date of birth first?'],
      ['CUSTOMER', '[PII].'],
      ['AGENT', "Thanks. I've raised it from five to eight percent from the next payroll."],
    ]);
    // Act
    const { value } = await summarizeCall(doc, summarizer);
    // Assess
    expect(value.reasonForCall).toContain('promoted to team leader');
    expect(value.reasonForCall).toContain('towards when I stop working');
    expect(value.reasonForCall).toContain('(agent: Into your pension?)');
  });

  it("never gives a passcode's characters as the reason ('Second is a K, fourth is a seven.'), whatever topic its words lean to", async () => {
    // Prepare: the agent's security check first, one answer the characters of a passcode, then the
    // request (the request start stays the agent's first turn: the passcode is skipped as identity data)
    const doc = callWithTurns([
      ['AGENT', 'Eastmoor Savings, Priya speaking. First I need to take you through some security.'],
      ['CUSTOMER', 'Fine.'],
      ['AGENT', 'Your full name?'],
      ['CUSTOMER', 'Owen Tudor Rees.'],
      ['AGENT', 'And the third and fifth characters of your phone passcode?'],
      ['CUSTOMER', 'Third is a D, fifth is a nine.'],
      ['AGENT', "That's you through, thanks. How can I help?"],
      ['CUSTOMER', 'I sent four hundred pounds to my plumber on Friday and he says it never came.'],
      ['AGENT', "It left us on Friday. I'll put a trace on it, give it three working days."],
    ]);
    // Act
    const { value } = await summarizeCall(doc, summarizer);
    // Assess
    expect(value.reasonForCall).not.toMatch(/fifth is a nine/u);
    for (const answer of [
      'Second is a K, fourth is a seven.',
      'the third one is a p and the fifth is an r',
      "First's a B, sixth's a nine.",
      'Yes, second letter is M and the last one is 4.',
      'Third character is a Z.',
    ])
      expect(identityDataOnly(answer), answer).toBe(true);
    for (const said of [
      'The second one is a payment I never made.',
      'First is the fee, second is the interest.',
      'The fourth is a Sunday so it went out late.',
      'Second is a K, fourth is a seven, and why was I charged twice?',
    ])
      expect(identityDataOnly(said), said).toBe(false);
  });

  it('never gives a security answer (a date of birth, a name and redacted data) as the reason, whatever topic its words lean to', async () => {
    // Prepare: a vague opening, the agent's identity check answered with a date and digits (which the topic
    // model reads as billing talk: it was the reason before), the ask at the end
    const doc = callWithTurns([
      ['AGENT', 'Eastmoor Savings, Priya speaking.'],
      ['CUSTOMER', "Hello. Something's on my card. Nine pounds fifty."],
      ['AGENT', "Let's see. Your birthday, and the card's last four digits?"],
      ['CUSTOMER', 'Third of March eighty-four. One one two nine.'],
      ['AGENT', 'Thanks. Dated the ninth. Were you away anywhere then?'],
      ['CUSTOMER', 'Lanzarote, a week away.'],
      [
        'AGENT',
        "That's the overseas transaction fee, two point nine nine percent on what you spent in euros.",
      ],
      ['CUSTOMER', 'I never knew. Can you take it off?'],
      ['AGENT', "I'm sorry, I can't, it's in the card terms."],
    ]);
    // Act
    const { value } = await summarizeCall(doc, summarizer);
    // Assess
    expect(value.reasonForCall).not.toMatch(/March|eighty-four/u);
    expect(value.reasonForCall).toContain('on my card');
    for (const answer of [
      'Ninth of March, nineteen sixty-two.',
      "It's the 3rd of June 1980.",
      'yes its the twenty-first of may nineteen eighty',
      'March the ninth.',
      'Philippa Margaret Ogunleye, [PII].',
      'My name is [PII].',
    ])
      expect(identityDataOnly(answer), answer).toBe(true);
    for (const said of [
      'I paid on the ninth of March and it never arrived.',
      'The Ninth of March payment bounced.',
      "It's the first of May, I'm moving then.",
      'Barclays sent me a letter.',
      'Cancel.',
    ])
      expect(identityDataOnly(said), said).toBe(false);
  });

  it('adds the agent restating what the caller wants ("so you\'d like …"), not their identity check, an open question or an echo of chat', async () => {
    // Prepare
    const restated = callWithTurns([
      ['AGENT', 'Morning, this is Kit.'],
      [
        'CUSTOMER',
        "i'm sixty three and the markets keep dropping on the news and i don't like watching it go down",
      ],
      ['AGENT', "so you'd like a lower risk fund"],
      ['CUSTOMER', 'yeah something safer'],
      ['AGENT', "i've moved it to the cautious fund"],
    ]);
    const asked = callWithTurns([
      ['AGENT', 'Morning, this is Kit.'],
      ['CUSTOMER', 'I was charged twice for the same hotel on my credit card last week.'],
      ['AGENT', 'Of course, which hotel was it?'],
      ['CUSTOMER', 'The one in Leeds.'],
      ['AGENT', "I've refunded the second charge."],
    ]);
    const checked = callWithTurns([
      ['AGENT', 'Morning, this is Kit.'],
      ['CUSTOMER', 'I was charged twice for the same hotel on my credit card last week.'],
      ['AGENT', 'Your date of birth?'],
      ['CUSTOMER', '[PII].'],
      ['AGENT', "I've refunded the second charge."],
    ]);
    const echoed = callWithTurns([
      ['AGENT', 'Morning, this is Kit.'],
      [
        'CUSTOMER',
        'My daughter always did the online banking for me, but she has moved to Vancouver for a job and now I cannot get into it.',
      ],
      ['AGENT', 'All the way to Vancouver?'],
      ['CUSTOMER', 'Yes, and the password she set does not work.'],
      ['AGENT', "I've sent you a reset link."],
    ]);
    const askedDetail = callWithTurns([
      ['AGENT', 'Morning, this is Kit.'],
      ['CUSTOMER', 'We moved to a flat near the station last week, could the statements go there now?'],
      ['AGENT', 'Sure, what is the new address?'],
      ['CUSTOMER', '[PII].'],
      ['AGENT', "I've updated it."],
    ]);
    // Act
    const [a, b, c, d, e] = await Promise.all(
      [restated, asked, checked, echoed, askedDetail].map((x) => summarizeCall(x, summarizer)),
    );
    // Assess
    expect(a!.value.reasonForCall).toMatch(
      /markets keep dropping.*\(agent: so you'd like a lower risk fund\)$/u,
    );
    expect(b!.value.reasonForCall).not.toMatch(AGENT_JOINED);
    expect(c!.value.reasonForCall).not.toMatch(AGENT_JOINED);
    // an echo of the story's small talk is not the request said back
    expect(d!.value.reasonForCall).not.toMatch(AGENT_JOINED);
    expect(e!.value.reasonForCall).not.toMatch(AGENT_JOINED);
  });

  it('keeps redacted personal data out of the joined turn and the restatement (review14)', async () => {
    // Prepare: the caller's next turn only gives redacted details; the agent says back a redacted address
    const detailsNext = callWithTurns([
      ['AGENT', 'Good morning, Jo speaking.'],
      ['CUSTOMER', 'My card got swallowed by the machine at the station this morning.'],
      ['AGENT', 'Oh no.'],
      ['CUSTOMER', 'It is the card ending [PII] on the account of [PII].'],
      ['AGENT', "I've ordered a new card."],
    ]);
    const addressBack = callWithTurns([
      ['AGENT', 'Good morning, Jo speaking.'],
      ['CUSTOMER', "We've just moved house last weekend, the boxes are everywhere."],
      ['AGENT', 'Lovely.'],
      ['CUSTOMER', 'So the statements need to go to the new place now.'],
      ['AGENT', "So you'd like them sent to [PII]?"],
      ['CUSTOMER', 'Yes.'],
      ['AGENT', "I've updated the address."],
    ]);
    // Act
    const [a, b] = await Promise.all([detailsNext, addressBack].map((x) => summarizeCall(x, summarizer)));
    // Assess
    expect(a!.value.reasonForCall).toContain('swallowed by the machine');
    expect(a!.value.reasonForCall).not.toContain('[PII]');
    expect(b!.value.reasonForCall).toContain('statements need to go to the new place');
    expect(b!.value.reasonForCall).not.toContain('[PII]');
  });

  it("hears the caller's consecutive turns as one telling, and a story the agent met with sympathy going on (summarizer 23)", async () => {
    // Prepare: the story in one turn, the ask in the caller's next turn with no agent turn between
    const split = callWithTurns([
      ['AGENT', 'Harbourside Pensions, Petra speaking.'],
      ['CUSTOMER', "Hello. I've a pension from an old job at a bakery in Derby, it closed down years ago."],
      ['CUSTOMER', "A letter came last week, and I'd much rather it was all in one place with you."],
      ['AGENT', "Yes, we can ask for that. Send me the scheme's letter."],
    ]);
    // the agent's sympathy ("Oh, I am sorry. Please take your time.") answers nothing; the
    // caller's "Thank you." is not quoted, their next sentences are while they fit in 40 words
    // (a story about the call's topic: told as a father's savings and his current account closed,
    // the call read as a pension before taxonomy 2026.15 and as closing an account since, when the
    // story is no longer on the call's topic and the ask alone is the reason; since the thirty-third
    // round's specificity 0.85 the story reads as no topic's: the ask alone is the reason; since dev42
    // was learned (the forty-seventh round: its calls cancel policies after a death) "The funeral was
    // lovely, lots of his old friends came along" read as cancellation and joined the reason, so the
    // story is told as the weather and a rugby club, which read as no topic's)
    const sympathy = callWithTurns([
      ['AGENT', 'Harbourside Insurance, Petra speaking.'],
      [
        'CUSTOMER',
        'Hello. My father died last month. He had his car insurance policy with you for forty years.',
      ],
      ['AGENT', 'Oh, I am so sorry. Please take your time.'],
      [
        'CUSTOMER',
        "Thank you. I'm his executor and I need to cancel his car insurance policy. The weather for the funeral was lovely and lots of his old friends from the rugby club came, some from as far as Aberdeen and Cornwall.",
      ],
      ['AGENT', "I'll cancel the policy from today and refund what's left of the premium."],
    ]);
    // Act
    const [a, b] = await Promise.all([split, sympathy].map((x) => summarizeCall(x, summarizer)));
    // Assess
    expect(a!.value.reasonForCall).toContain('bakery in Derby');
    expect(a!.value.reasonForCall).toContain('all in one place with you');
    expect(b!.value.reasonForCall).not.toContain('My father died last month');
    expect(b!.value.reasonForCall).toContain('I need to cancel his car insurance policy');
    expect(b!.value.reasonForCall).not.toContain('Thank you');
    expect(b!.value.reasonForCall).not.toContain('Aberdeen');
  });

  it('adds the agent naming what the caller described, past an acknowledgement; an answer with a verb only as the answer to the telling (summarizer 23, 37)', async () => {
    // Prepare
    const named = callWithTurns([
      ['AGENT', 'Harbourside Bank, Petra speaking.'],
      ['CUSTOMER', 'My accountant wants the paper that shows how much interest my savings earned last year.'],
      ['AGENT', 'The interest certificate.'],
      ['CUSTOMER', "That's the one."],
      ['AGENT', "I'll post it today."],
    ]);
    const afterOhNo = callWithTurns([
      ['AGENT', 'Harbourside Bank, Petra speaking.'],
      [
        'CUSTOMER',
        'I dropped the little calculator thing you gave me for paying people online in the sink and now the screen stays blank.',
      ],
      ['AGENT', 'Oh no. The card reader?'],
      ['CUSTOMER', 'Yes, that.'],
      ['AGENT', "I'll send you a new one."],
    ]);
    const answered = callWithTurns([
      ['AGENT', 'Harbourside Bank, Petra speaking.'],
      ['CUSTOMER', "I've had a letter saying the interest on my saver goes down from four to three percent."],
      ['AGENT', 'Yes, the base rate fell last month.'],
      ['CUSTOMER', "Well, that's disappointing."],
    ]);
    // Act
    const [a, b, c] = await Promise.all(
      [named, afterOhNo, answered].map((x) => summarizeCall(x, summarizer)),
    );
    // Assess
    expect(a!.value.reasonForCall).toMatch(/earned last year\. \(agent: The interest certificate\.\)$/u);
    expect(b!.value.reasonForCall).toMatch(/screen stays blank\. \(agent: The card reader\?\)$/u);
    // Not a naming (no noun phrase alone); since summarizer 37 the agent's answer to a telling that
    // nothing else said back joins it as such.
    expect(c!.value.reasonForCall).toMatch(
      /three percent\. \(agent replied: Yes, the base rate fell last month\.\)$/u,
    );
  });

  it('does not take a short question asking for details past an acknowledgement as the request said back', async () => {
    // Prepare: "Okay." then a question for identity details that names no identity phrase the script knows
    const doc = callWithTurns([
      ['AGENT', 'Harbourside Bank, Petra speaking.'],
      ['CUSTOMER', 'My accountant wants the paper that shows how much interest my savings earned last year.'],
      ['AGENT', 'Okay. Account number and birthday first, please?'],
      ['CUSTOMER', '[PII].'],
      ['AGENT', "Thanks. I'll post you the interest certificate."],
    ]);
    // Act
    const { value } = await summarizeCall(doc, summarizer);
    // Assess
    expect(value.reasonForCall).toContain('earned last year');
    expect(value.reasonForCall).not.toMatch(AGENT_JOINED);
  });

  it("does not add the agent's answer with a past-tense verb ('Your payment arrived yesterday.') as a naming, nor a report of what was done as the answer (review15, summarizer 37)", async () => {
    // Prepare: the agent answers in three words after "your"/"the", a past-tense verb among them
    // (a replacement card that "still has not turned up" and "Your card shipped yesterday." until
    // the thirty-third round: with specificity 0.85 the card reads as payments, whose answers a
    // shipped card is not)
    const shipped = callWithTurns([
      ['AGENT', 'Northgate Bank, Omar here.'],
      ['CUSTOMER', 'I sent my mortgage payment on Monday and it still has not shown on the account.'],
      ['AGENT', 'Your payment arrived yesterday.'],
      ['CUSTOMER', 'Oh good, thanks.'],
    ]);
    const refunded = callWithTurns([
      ['AGENT', 'Northgate Bank, Omar here.'],
      ['CUSTOMER', 'There is an overdraft fee on my statement from last week and I was never overdrawn.'],
      ['AGENT', "The fee's refunded."],
      ['CUSTOMER', 'Brilliant, thank you.'],
    ]);
    // Act
    const [a, b] = await Promise.all([shipped, refunded].map((x) => summarizeCall(x, summarizer)));
    // Assess
    // Not a naming; since summarizer 37, the agent's answer to the telling (a fact, not something done).
    expect(a!.value.reasonForCall).toMatch(
      /still has not shown on the account\. \(agent replied: Your payment arrived yesterday\.\)$/u,
    );
    // A refund is what was done: the resolution, never the reason.
    expect(b!.value.reasonForCall).toContain('never overdrawn');
    expect(b!.value.reasonForCall).not.toMatch(AGENT_JOINED);
  });

  it("joins no identity detail the caller gives after the agent's sympathy into the reason (review15)", async () => {
    // Prepare: sympathy is an acknowledgement, so the caller's next turn is read as the telling going on
    const turns = (detail: string) =>
      callWithTurns([
        ['AGENT', 'Northgate Bank, Omar here.'],
        ['CUSTOMER', 'My wallet was stolen on the train this morning.'],
        ['AGENT', 'Please take your time.'],
        ['CUSTOMER', detail],
        ['AGENT', "I've cancelled the card and ordered a new one."],
      ]);
    // Act
    const [a, b] = await Promise.all(
      [
        turns('My account number ends in four four two one.'),
        turns('I live at number twelve Station Road, postcode to follow.'),
      ].map((x) => summarizeCall(x, summarizer)),
    );
    // Assess
    for (const r of [a, b]) expect(r!.value.reasonForCall).toContain('My wallet was stolen');
    expect(a!.value.reasonForCall).not.toContain('four four two one');
    expect(b!.value.reasonForCall).not.toContain('Station Road');
  });

  it("joins no [PII] sentence from the caller's next consecutive turn into the reason (review15)", async () => {
    // Prepare: the request, then (no agent turn between) a turn whose first sentence is redacted
    const doc = callWithTurns([
      ['AGENT', 'Northgate Bank, Omar here.'],
      ['CUSTOMER', 'I need to change the address on my mortgage account.'],
      ['CUSTOMER', 'The new one is [PII]. We moved in last week.'],
      ['AGENT', "I've updated the address."],
    ]);
    // Act
    const { value } = await summarizeCall(doc, summarizer);
    // Assess
    expect(value.reasonForCall).toContain('change the address on my mortgage account');
    expect(value.reasonForCall).not.toContain('[PII]');
  });

  it("takes the caller's turn the agent says back ('ok so a one off payment on the van loan yeah') as the request, not a later follow-up question (summarizer 23)", async () => {
    // Prepare: the request told in other words, the agent's restatement, then a stronger-sounding question
    const doc = callWithTurns([
      ['AGENT', 'harbourside bank petra speaking'],
      ['CUSTOMER', 'hiya so the tax office wrote and theyre giving me six hundred back'],
      ['AGENT', 'oh lovely'],
      ['CUSTOMER', 'yeah and i fancied a new telly but the wife says chip it off the van'],
      ['AGENT', 'ok so a one off payment on the van loan yeah'],
      ['CUSTOMER', 'yeah if i do that does the monthly loan payment get smaller or what'],
      ['AGENT', 'by default it keeps the monthly the same and finishes early'],
    ]);
    // Act
    const { value } = await summarizeCall(doc, summarizer);
    // Assess
    expect(value.reasonForCall).toMatch(
      /chip it off the van \(agent: ok so a one off payment on the van loan yeah\)$/u,
    );
    expect(value.reasonForCall).not.toContain('monthly loan payment get smaller');
  });

  it('takes the naming at the start of an unpunctuated agent turn, not the identity question after it (summarizer 23)', async () => {
    // Prepare: a recogniser's run-on agent turn: the naming, then a question for the date of birth
    const doc = callWithTurns([
      ['AGENT', 'harbourside bank good afternoon this is ned'],
      [
        'CUSTOMER',
        'hi my phone used to buzz every time i spent something on the card and now it never buzzes',
      ],
      ['AGENT', 'ok the spending notifications can i check your date of birth'],
      ['CUSTOMER', '[PII]'],
      ['AGENT', 'thanks they were switched off when you updated the app ive turned them back on'],
    ]);
    // Act
    const { value } = await summarizeCall(doc, summarizer);
    // Assess
    expect(value.reasonForCall).toMatch(/now it never buzzes \(agent: ok the spending notifications\)$/u);
  });

  it('keeps the reason with the restatement, its "(agent:" label included, within 40 words (review14)', async () => {
    // Prepare: 35 words of story and request, then a 5-word restating question (40, 41 with the label)
    const doc = callWithTurns([
      ['AGENT', 'Good morning, Jo speaking.'],
      [
        'CUSTOMER',
        'My card got swallowed by the cash machine at the station this morning when I was trying to take out some money for the weekend.',
      ],
      ['AGENT', 'Oh dear.'],
      ['CUSTOMER', 'So I need a new debit card sent out please.'],
      ['AGENT', 'You need a replacement card?'],
      ['AGENT', "I've ordered a new card."],
    ]);
    // Act
    const { value } = await summarizeCall(doc, summarizer);
    // Assess: the quote after the topic's "label:" is at most 40 words
    const quote = value.reasonForCall!.replace(/^[^:]*:\s*/u, '');
    expect(quote).toContain('new debit card');
    expect(quote.split(/\s+/u).length).toBeLessThanOrEqual(40);
  });

  it('cuts an unpunctuated run-on turn to the clauses holding the request, within 40 words (review15)', async () => {
    // Prepare: one 73-word lower-case speech-recogniser turn, no sentence break, the ask in its middle
    const runOn =
      'yeah hi i have been a customer with you for about twelve years now and i have always paid everything on time ' +
      'and never had any trouble with the bank at all until this month when i looked at my statement ' +
      'and saw a late fee of thirty five dollars on it and i want that late fee removed from my account ' +
      'because i paid the bill two days before the due date like i always do';
    const doc = callWithTurns([
      ['AGENT', 'Thank you for calling First Bank, this is Sam. How can I help you today?'],
      ['CUSTOMER', runOn],
      ['AGENT', "I've removed the late fee as a courtesy."],
    ]);
    // Act
    const { value } = await summarizeCall(doc, summarizer);
    // Assess: the quote is at most 40 words, a piece of the caller's turn, and keeps the ask
    const quote = value.reasonForCall!.replace(/^[^:]*:\s*/u, '');
    expect(runOn.split(/\s+/u).length).toBeGreaterThan(70);
    expect(quote.split(/\s+/u).length).toBeLessThanOrEqual(40);
    expect(runOn).toContain(quote);
    expect(quote).toContain('i want that late fee removed');
  });

  it('gives the first 40 words of a run-on clause with no break, an ellipsis marking the rest (review15)', async () => {
    // Prepare: a 50-word lower-case turn with no sentence or clause break
    const runOn =
      'my debit card got declined at the big grocery store on the high street on tuesday evening after work ' +
      'while buying food for my family with plenty of money in the current account according to the mobile app ' +
      'i checked in the car park before going into the shop to get our dinner for tonight';
    const doc = callWithTurns([
      ['AGENT', 'Thank you for calling First Bank, this is Sam. How can I help you today?'],
      ['CUSTOMER', runOn],
      ['AGENT', 'Let me look into that for you.'],
    ]);
    // Act
    const { value } = await summarizeCall(doc, summarizer);
    // Assess
    const quote = value.reasonForCall!.replace(/^[^:]*:\s*/u, '');
    const words = runOn.split(/\s+/u);
    expect(words.length).toBeGreaterThan(45);
    expect(quote).toBe(`${words.slice(0, 40).join(' ')} …`);
  });

  it('keeps a late request cue of a run-on clause over 40 words, ellipses marking the cuts (review15)', async () => {
    // Prepare: a 56-word lower-case turn with no break, the ask ("i need a new …") from its 34th word
    const runOn =
      'my debit card got chewed up by the cash machine outside the big grocery store on the high street ' +
      'on tuesday evening after work with my weekly shopping bags in my hands in the pouring rain this week ' +
      'i need a new debit card sent out to my home address please with a new pin';
    const doc = callWithTurns([
      ['AGENT', 'Thank you for calling First Bank, this is Sam. How can I help you today?'],
      ['CUSTOMER', runOn],
      ['AGENT', "I've ordered a new card."],
    ]);
    // Act
    const { value } = await summarizeCall(doc, summarizer);
    // Assess
    const quote = value.reasonForCall!.replace(/^[^:]*:\s*/u, '');
    expect(quote).toMatch(/^… /u);
    expect(quote).toContain('i need a new debit card sent out');
    expect(runOn).toContain(quote.replace(/^… /u, '').replace(/ …$/u, ''));
    expect(quote.split(/\s+/u).filter((w) => /\p{L}/u.test(w)).length).toBeLessThanOrEqual(40);
  });

  it('does not join a second matter the caller adds after an acknowledgement', async () => {
    // Prepare
    const doc = callWithTurns([
      ['AGENT', 'Good morning, Sam speaking.'],
      ['CUSTOMER', 'Someone stole my purse yesterday and my debit card was in it.'],
      ['AGENT', 'Oh no.'],
      ['CUSTOMER', 'I also moved house last month, so my address needs changing on the account.'],
      ['AGENT', "I've cancelled the card and ordered a new one."],
    ]);
    // Act
    const { value } = await summarizeCall(doc, summarizer);
    // Assess
    expect(value.reasonForCall).toContain('stole my purse');
    expect(value.reasonForCall).not.toContain('moved house');
  });

  describe('with an abuse filter, the reason never quotes abuse word for word', () => {
    let filtered: Summarizer;
    beforeAll(async () => {
      filtered = await localSummarizer(createLexiconAbuseFilter());
    });

    it('takes the clean request a turn later over an abusive one', async () => {
      // Prepare
      const doc = callWithTurns([
        ['AGENT', 'Good afternoon, Ash speaking.'],
        ['CUSTOMER', 'you useless morons have put a late fee on my card again'],
        ['AGENT', 'I am sorry, let me look.'],
        ['CUSTOMER', 'i paid before the due date so take the late fee off'],
        ['AGENT', "I've removed the late fee."],
      ]);
      // Act
      const { value, lineage } = await summarizeCall(doc, filtered);
      // Assess
      expect(value.reasonForCall).toBe('billing: i paid before the due date so take the late fee off');
      expect(lineage.modelHash).toContain('abuse ');
    });

    it('leaves out a threat said with the request, and masks profanity and name-calls it cannot leave out', async () => {
      // Prepare
      const threat = callWithTurns([
        ['AGENT', 'Good afternoon, Ash speaking.'],
        [
          'CUSTOMER',
          'My card was charged twice for the same hotel, and you will regret it if it is not refunded.',
        ],
      ]);
      const profane = callWithTurns([
        ['AGENT', 'Good afternoon, Ash speaking.'],
        ['CUSTOMER', 'just close the damn account, you bloody clowns'],
      ]);
      // Act
      const [a, b] = await Promise.all([summarizeCall(threat, filtered), summarizeCall(profane, filtered)]);
      // Assess
      expect(a.value.reasonForCall).toBe('billing: My card was charged twice for the same hotel.');
      expect(b.value.reasonForCall).toMatch(/^cancellation: just close the \[…\] account\b/);
      expect(b.value.reasonForCall).not.toMatch(/damn|bloody|clowns/);
    });

    it('masks a threat with no word to mask whole, and keeps the request words of its clean clause', async () => {
      // Prepare
      const doc = callWithTurns([
        ['AGENT', 'Good afternoon, Ash speaking.'],
        ['CUSTOMER', 'Cancel my policy or I will snap your neck.'],
        ['AGENT', 'I have cancelled the policy.'],
      ]);
      // Act
      const { value } = await summarizeCall(doc, filtered);
      // Assess
      expect(value.reasonForCall).toBe('cancellation: Cancel my policy […].');
      expect(value.summary).not.toMatch(/snap|neck/);
    });

    it('keeps the clean request that shares its clause with a threat, and masks the threat', async () => {
      // Prepare
      const doc = callWithTurns([
        ['AGENT', 'Good afternoon, Ash speaking.'],
        ['CUSTOMER', "I'm phoning about my car."],
        ['AGENT', 'Go on.'],
        ['CUSTOMER', "I'll torch your office if my car insurance claim isn't paid."],
      ]);
      // Act
      const { value } = await summarizeCall(doc, filtered);
      // Assess
      expect(value.reasonForCall).toBe("claims: […] if my car insurance claim isn't paid.");
      expect(value.summary).not.toMatch(/torch/);
    });

    it('gives the clean request elsewhere when nothing clean is left of the abusive one', async () => {
      // Prepare
      const doc = callWithTurns([
        ['AGENT', 'Good afternoon, Ash speaking.'],
        ['CUSTOMER', "I'm phoning about my car."],
        ['AGENT', 'Go on.'],
        ['CUSTOMER', "I'll torch your office over this insurance claim, I swear it."],
      ]);
      // Act
      const { value } = await summarizeCall(doc, filtered);
      // Assess
      expect(value.reasonForCall).toBe("claims: I'm phoning about my car.");
    });

    it('gives no reason when the caller said nothing clean (the toxicity step reports the abuse)', async () => {
      // Prepare
      const doc = callWithTurns([
        ['AGENT', 'Good afternoon, Ash speaking.'],
        ['CUSTOMER', "I'll torch your office, I swear it."],
        ['AGENT', 'I understand you are upset.'],
      ]);
      // Act
      const [plain, withFilter] = await Promise.all([
        summarizeCall(doc, summarizer),
        summarizeCall(doc, filtered),
      ]);
      // Assess: without the filter the threat is the reason; with it, there is none ("[…]." says nothing)
      expect(plain.value.reasonForCall).toMatch(/torch your office/);
      expect(withFilter.value.reasonForCall).toBeNull();
      expect(withFilter.value.summary).not.toMatch(/torch|office|\[…\]/);
    });

    it('quotes a clean request as said', async () => {
      const [plain, withFilter] = await Promise.all([
        summarizeCall(CALL, summarizer),
        summarizeCall(CALL, filtered),
      ]);
      expect(withFilter.value.reasonForCall).toBe(plain.value.reasonForCall);
    });
  });

  it('gives the same summary on every run', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => summarizeCall(CALL, summarizer)));
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  it('works without a topic model, from request cue words', async () => {
    const { value } = await summarizeCall(CALL, createLocalSummarizer());
    expect(value.reasonForCall).toBe(
      'I was charged a late fee on my statement even though I paid on time. I want it removed.',
    );
  });

  it('does not call the engine for a call in which nobody spoke', async () => {
    // Prepare
    let calls = 0;
    const engine: Summarizer = {
      summarize: async () => {
        calls += 1;
        throw new Error('must not be called');
      },
      lineage: () => ({ engine: 'x', version: '1', model: null, promptHash: null, note: null }),
    };
    const doc = callWithTurns([['IVR', 'Our offices are closed.']]);
    // Act
    const { value } = await summarizeCall(doc, engine);
    // Assess
    expect(calls).toBe(0);
    expect(value).toEqual({
      summary: null,
      reasonForCall: null,
      resolution: null,
      resolved: null,
      callbackNeeded: null,
      actionItems: [],
      outcome: null,
      actions: [],
    });
  });
});

describe('the summary and the call topics agree', () => {
  it('names the topic the Topics step keeps, and none when the taxonomy has none for the call', async () => {
    // Prepare: the engines as a run builds them (the taxonomy's minScore reaches both)
    const { createLocalEnrichers } = await import('../../adapters/local/local-enrichers.js');
    const { detectTopics } = await import('../../core/enrich/topics.js');
    const enrichers = await createLocalEnrichers({ summary: { engine: 'local' } });
    const { topics, summarizer: engine, taxonomy } = enrichers;
    if (topics === null || engine === null) throw new Error('the local engines are always there');
    const labelOf = new Map(taxonomy.topics.map((t) => [t.id, t.label]));
    const offTopic = callWithTurns([
      ['AGENT', 'Thanks for calling, how can I help?'],
      ['CUSTOMER', 'they sang que sold much lie and the weather was wet over the hills'],
      ['AGENT', 'okay and you and the phone number we have on file'],
      ['CUSTOMER', 'nope this perfect emblem to be affected'],
    ]);
    for (const call of [CALL, offTopic]) {
      // Act
      const { matches } = await detectTopics(call, topics, taxonomy);
      const { value } = await summarizeCall(call, engine);
      // Assess
      const primary = matches[0]?.topic;
      // "<topic> — <intent>: …" or "<topic>: …"
      const named = value.reasonForCall?.match(/^([^:—]+?)(?: — [^:]+)?:/)?.[1] ?? null;
      expect(named).toBe(primary === undefined ? null : labelOf.get(primary));
    }
    expect((await detectTopics(offTopic, topics, taxonomy)).matches).toEqual([]);
  });

  it('goes on past "I\'m sorry about your …", "my condolences" and "Oh dear, I am sorry to hear that." into the telling (summarizer 24)', async () => {
    // Prepare: the agent's sympathy for the caller's loss answers nothing; the ask follows
    const story = (sympathy: string) =>
      callWithTurns([
        ['AGENT', 'Ashcombe Savings, loans desk, Priya speaking.'],
        [
          'CUSTOMER',
          // ("My uncle passed away in the autumn." until the thirty-third round: with specificity
          // 0.85 the death alone reads as talk about no topic)
          'Hello Priya. My uncle passed away in the autumn and left me some money for the car loan. Ninety-one, he was, and sharp to the end.',
        ],
        ['AGENT', sympathy],
        [
          'CUSTOMER',
          'Thanks. I want to pay two thousand off my car loan in one go and keep the monthly as it is.',
        ],
        ['AGENT', "I can take that now. It'll come off the balance today."],
      ]);
    // Act
    const [a, b, c] = await Promise.all(
      [
        story("I'm sorry about your uncle."),
        story('My condolences.'),
        story('Oh dear, I am sorry to hear that.'),
      ].map((x) => summarizeCall(x, summarizer)),
    );
    // Assess
    expect(a!.value.reasonForCall).toContain(
      'My uncle passed away in the autumn and left me some money for the car loan.',
    );
    expect(a!.value.reasonForCall).toContain('pay two thousand off my car loan');
    expect(b!.value.reasonForCall).toContain('pay two thousand off my car loan');
    expect(c!.value.reasonForCall).toContain('pay two thousand off my car loan');
  });

  it("joins a story's own ask, later in the telling, when the most topical sentence asks nothing (summarizer 24)", async () => {
    // Prepare: the story's first sentence is most about the topic; a long sentence between does not
    // fit in the 40 words, the question at the end does
    const call = callWithTurns([
      ['AGENT', 'Ashcombe Savings, Priya speaking.'],
      [
        'CUSTOMER',
        'On Monday a man rang saying he was from your fraud team and that my savings account had been hacked.',
      ],
      [
        'CUSTOMER',
        'He told me to move everything to a new account for safety and he read me the numbers and I sent two thousand pounds from the app while he waited on the line.',
      ],
      ['CUSTOMER', 'Can I get that money back?'],
      [
        'AGENT',
        "That was a scam, I'm sorry. I'll contact the receiving bank now and our fraud team will call you.",
      ],
    ]);
    // Act
    const { value } = await summarizeCall(call, summarizer);
    // Assess
    expect(value.reasonForCall).toContain('saying he was from your fraud team');
    expect(value.reasonForCall).toContain('Can I get that money back?');
  });

  it('scores an unpunctuated recogniser sentence that runs chat into the request by its most topical clause (summarizer 24)', async () => {
    // Prepare: the opening runs the noise and the place into "my card has vanished"; the later
    // story of where it was left is not the request
    const call = callWithTurns([
      ['AGENT', 'ashcombe savings out of hours its priya'],
      ['CUSTOMER', 'hi sorry its ever so loud in here im at the station in [PII] and my card has vanished'],
      ['AGENT', 'ok lets stop it now whats your date of birth'],
      ['CUSTOMER', '[PII]'],
      [
        'CUSTOMER',
        'my friend reckons i left it on the counter by the cash machine when we got the taxi money out',
      ],
      ['AGENT', 'ive blocked the card and a new one goes out tomorrow'],
      ['CUSTOMER', 'brilliant thanks'],
    ]);
    // Act
    const { value } = await summarizeCall(call, summarizer);
    // Assess
    expect(value.reasonForCall).toContain('my card has vanished');
    expect(value.reasonForCall).not.toContain('taxi money');
  });

  it('reads "that\'s why I\'m ringing" as pointing back at the telling before it (summarizer 25)', async () => {
    // Prepare: the caller's "that's why" answers the agent's question; what it points at is the
    // message told in the first turn
    const call = callWithTurns([
      ['AGENT', 'Ashcombe Savings, Priya speaking.'],
      [
        'CUSTOMER',
        'I had an email this morning saying my online banking would be suspended unless I clicked a link and confirmed my card details.',
      ],
      ['AGENT', 'Did you click on it?'],
      ['CUSTOMER', "No, that's why I'm ringing."],
      ['AGENT', "Good. That isn't from us; please delete it. I'll note it on your account."],
    ]);
    // Act
    const { value } = await summarizeCall(call, summarizer);
    // Assess
    expect(value.reasonForCall).toContain('I had an email this morning');
    expect(value.reasonForCall).not.toContain("that's why I'm ringing");
  });

  it('goes on past the agent\'s "Thank you, that\'s lovely." into the telling (summarizer 25)', async () => {
    // Prepare: the caller opens with who they are to the company; the agent's thanks answers
    // nothing, and the ask follows in the next turn
    const call = callWithTurns([
      ['AGENT', 'Ashcombe Savings, Priya speaking, how are you?'],
      ['CUSTOMER', "Fine, thanks. I've had my ISA with you since it was opened."],
      ['AGENT', "Thank you, that's lovely."],
      ['CUSTOMER', "I'd like to move the whole ISA to a provider that pays more."],
      ['AGENT', "I can send you the transfer form today. It'll take about fifteen days."],
    ]);
    // Act
    const { value } = await summarizeCall(call, summarizer);
    // Assess
    // (the opening telling may or may not be quoted with it: since the eighteenth round's model
    // learned dev14, the request alone is, with its topic)
    expect(value.reasonForCall).toContain('move the whole ISA to a provider');
    expect(value.reasonForCall).not.toContain("that's lovely");
  });

  it('reads a telling in clipped fragments as one request ("Card declined. Twice now. Petrol station.") (summarizer 25)', async () => {
    // Prepare: no fragment has four words; the caller's later identity answer has
    const call = callWithTurns([
      ['AGENT', 'Ashcombe Savings, Priya speaking.'],
      ['CUSTOMER', 'Card declined. Twice now. Petrol station.'],
      ['AGENT', "Let me look. What's the postcode on the account?"],
      ['CUSTOMER', 'It is [PII] please.'],
      ['AGENT', "There was a fraud hold on it after a large purchase. I've lifted it, try again now."],
    ]);
    // Act
    const { value } = await summarizeCall(call, summarizer);
    // Assess
    expect(value.reasonForCall).toContain('Card declined. Twice now. Petrol station.');
  });

  it('joins the agent\'s naming asked back ("Is that the one-time code?") but not a question for details (summarizer 26)', async () => {
    // Prepare: the caller describes the thing without its name; the agent names it in a question
    const namedBack = callWithTurns([
      ['AGENT', 'Ashcombe Savings, Priya speaking.'],
      ['CUSTOMER', 'Every time I try to sign in on the website it tells me to type in something it sent me.'],
      ['AGENT', 'Is that the one-time passcode?'],
      ['CUSTOMER', 'Yes, and nothing ever arrives on my phone.'],
      ['AGENT', 'I can see the old mobile on file. I have updated it to the new one.'],
    ]);
    const asksDetails = callWithTurns([
      ['AGENT', 'Ashcombe Savings, Priya speaking.'],
      ['CUSTOMER', 'Every time I try to sign in on the website it tells me to type in something it sent me.'],
      ['AGENT', 'Is that your phone number ending two two, please?'],
      ['CUSTOMER', 'Yes.'],
    ]);
    // Act
    const [a, b] = await Promise.all([namedBack, asksDetails].map((x) => summarizeCall(x, summarizer)));
    // Assess
    expect(a!.value.reasonForCall).toMatch(/sent me\. \(agent: Is that the one-time passcode\?\)$/u);
    expect(b!.value.reasonForCall).not.toMatch(AGENT_JOINED);
  });

  it('reads the answer to "go on, what\'s happened" after a vague "hiya, it\'s about my card" as the telling (summarizer 26)', async () => {
    // Prepare: an unpunctuated recogniser call; the opening names a product only
    const call = callWithTurns([
      ['AGENT', 'ashcombe savings youre through to priya'],
      ['CUSTOMER', 'hiya its about my card'],
      ['AGENT', 'go on whats happened'],
      ['CUSTOMER', 'the streaming one the monthly film thing'],
      ['CUSTOMER', 'it went out on the first and again on the third'],
      ['AGENT', 'i can see both payments ill dispute the second one for you'],
    ]);
    // Act
    const { value } = await summarizeCall(call, summarizer);
    // Assess
    expect(value.reasonForCall).toContain('the monthly film thing');
    expect(value.reasonForCall).not.toContain('about my card');
  });

  it("joins the agent's first offer to a story with no ask, past an identity check, but not to an ask said outright, a hold or a report of what was done (summarizer 26)", async () => {
    // Prepare
    const opening = ['AGENT', 'Ashcombe Savings, Priya speaking.'] as const;
    const story = [
      'CUSTOMER',
      'I was on the bus into town this morning and when I got off my bag was open and my purse had gone.',
    ] as const;
    const told = callWithTurns([
      opening,
      story,
      ['AGENT', 'Oh no. Can I take your date of birth first?'],
      ['CUSTOMER', '[PII]'],
      ['AGENT', 'Thank you. I can block the debit card and send a new one.'],
      ['CUSTOMER', 'Yes please.'],
    ]);
    const done = callWithTurns([opening, story, ['AGENT', "I've blocked the debit card now."]]);
    const asked = callWithTurns([
      opening,
      ['CUSTOMER', 'I lost my purse on the bus this morning and I want the card stopped.'],
      ['AGENT', 'I can block the debit card and send a new one.'],
    ]);
    const held = callWithTurns([opening, story, ['AGENT', 'Let me have a look.'], ['CUSTOMER', 'Thanks.']]);
    // Act
    const [a, b, c, d] = await Promise.all(
      [told, asked, held, done].map((x) => summarizeCall(x, summarizer)),
    );
    // Assess
    expect(a!.value.reasonForCall).toMatch(
      /purse had gone\. \(agent: I can block the debit card and send a new one\.\)$/u,
    );
    expect(b!.value.reasonForCall).not.toMatch(AGENT_JOINED);
    expect(c!.value.reasonForCall).not.toMatch(AGENT_JOINED);
    // A report of what was done is the resolution, not part of the reason.
    expect(d!.value.reasonForCall).not.toMatch(AGENT_JOINED);
  });

  it('reads the turn after the agent\'s small-talk question ("Oh, lovely. Nice weather?") as the telling, and quotes a short correction with it (summarizer 27)', async () => {
    // Prepare
    const chat = callWithTurns([
      ['AGENT', 'Ashcombe travel insurance, Priya.'],
      ['CUSTOMER', "Hello, I've never had to ring you before. We've just got home from Crete."],
      ['AGENT', 'Oh, lovely. Nice weather?'],
      ['CUSTOMER', 'Beautiful. But the airline lost my case on the way back, three days now.'],
      ['AGENT', 'I am sorry. You can claim for it as lost baggage.'],
    ]);
    const corrected = callWithTurns([
      ['AGENT', 'Ashcombe merchant services, Priya.'],
      ['CUSTOMER', 'Hiya. The card reader on my market stall keeps flashing green at me. Not green. Blue.'],
      ['AGENT', 'Blue flashing means it has lost the phone. Forget it in Bluetooth and pair it again.'],
    ]);
    // Act
    const [a, b] = await Promise.all([chat, corrected].map((x) => summarizeCall(x, summarizer)));
    // Assess
    expect(a!.value.reasonForCall).toContain('the airline lost my case');
    expect(a!.value.reasonForCall).not.toContain('Crete');
    // (since summarizer 37 the agent's answer names what the blue light means)
    expect(b!.value.reasonForCall).toMatch(
      /flashing green at me\. Not green\. Blue\. \(agent replied: Blue flashing means it has lost the phone\.\)$/u,
    );
  });

  it("gives the agent's request, claim or dispute as the agent's action, a team's recovery as the company's, an instruction as the customer's, and never a caller's threat (summarizer 27)", async () => {
    // Prepare
    const filtered = await localSummarizer(createLexiconAbuseFilter());
    const call = callWithTurns([
      ['AGENT', 'Ashcombe Savings, Priya.'],
      ['CUSTOMER', 'Three payments to a shop in Lagos went off my card last night and they were not me.'],
      ['AGENT', "I'll raise a dispute for all three. The fraud people will try to recover the money."],
      ['AGENT', 'Send us the police reference when you have it. It is worth telling Action Fraud as well.'],
      ['CUSTOMER', "If that money is not back by Friday I'll get you sacked, you stupid cow."],
      ['AGENT', 'Please do not speak to me like that.'],
    ]);
    // Act
    const { value } = await summarizeCall(call, filtered);
    // Assess
    expect(value.actions).toEqual([
      { owner: 'agent', text: "I'll raise a dispute for all three." },
      { owner: 'company', text: 'The fraud people will try to recover the money.' },
      { owner: 'customer', text: 'Send us the police reference when you have it.' },
      { owner: 'customer', text: 'It is worth telling Action Fraud as well.' },
    ]);
  });

  it("never gives a caller's threat as their commitment, when the abuse filter does not flag it either (summarizer 28)", async () => {
    // Prepare: threats the lexicon does not flag (naming, shaming, a job threatened)
    const filtered = await localSummarizer(createLexiconAbuseFilter());
    const call = callWithTurns([
      ['AGENT', 'Ashcombe Savings, Priya.'],
      ['CUSTOMER', 'My pension transfer has been stuck for three months and I want it done this week.'],
      ['AGENT', "I'll chase the other provider today. You'll need to sign the discharge form again."],
      ['CUSTOMER', "I'll sign it tonight and I'll post it first thing."],
      ['CUSTOMER', "And I'll put your name and your face on every review site until they sack you."],
      ['CUSTOMER', "I'm going to put your voice up online with your name on it."],
      ['AGENT', 'Please do not speak to me like that.'],
    ]);
    // Act
    const { value } = await summarizeCall(call, filtered);
    // Assess
    expect(value.actions).toEqual([
      { owner: 'agent', text: "I'll chase the other provider today." },
      { owner: 'customer', text: "You'll need to sign the discharge form again." },
      { owner: 'customer', text: "I'll sign it tonight and I'll post it first thing." },
    ]);
  });

  it('leaves an abusive commitment out of the action items, and asks the abuse filter only of sentences that would be one', async () => {
    // Prepare: a filter that flags one commitment and notes every text it is asked about
    const asked: string[] = [];
    const flagged = "I'll bring a brick for your window.";
    const filtered = await localSummarizer({
      isAbusive: (text) => {
        asked.push(text);
        return text === flagged;
      },
      clean: (text) => text,
      hash: 'stub',
    });
    const call = callWithTurns([
      ['AGENT', 'Ashcombe Savings, Priya.'],
      ['CUSTOMER', 'My new debit card never arrived and the old one stopped working on Monday.'],
      ['AGENT', "I'll send a new card today. The branch on the high street closed in March."],
      ['CUSTOMER', `I'll take it in to the branch myself. ${flagged}`],
      ['AGENT', 'The weather in Leeds was lovely all week, nothing like here.'],
    ]);
    // Act
    const { value } = await summarizeCall(call, filtered);
    // Assess
    expect(value.actions).toEqual([
      { owner: 'agent', text: "I'll send a new card today." },
      { owner: 'customer', text: "I'll take it in to the branch myself." },
    ]);
    expect(asked).toContain(flagged);
    expect(asked).not.toContain('The weather in Leeds was lovely all week, nothing like here.');
  });

  it('quotes the agent\'s saying back of a request not to need something ("so you won\'t be needing the cover") (summarizer 28)', async () => {
    // Prepare
    const call = callWithTurns([
      ['AGENT', 'Halden Insurance, Rob speaking.'],
      ['CUSTOMER', 'Sold the van on Friday to a lad from Leeds. So there is nothing on the drive now.'],
      ['AGENT', "Right, so you won't be needing the cover on the van."],
      ['CUSTOMER', 'Nope.'],
      ['AGENT', "I'll end the policy from Friday."],
    ]);
    // Act
    const { value } = await summarizeCall(call, summarizer);
    // Assess
    expect(value.reasonForCall).toContain("(agent: Right, so you won't be needing the cover on the van.)");
  });

  it('reads the answer to the agent\'s "What would you like to do?" as the rest of the telling (summarizer 28)', async () => {
    // Prepare
    const call = callWithTurns([
      ['AGENT', 'Cullerne Pensions, Hugo speaking.'],
      [
        'CUSTOMER',
        'Hello. Sixty last month, and I finally had a proper look at my pension, and it is not pretty.',
      ],
      ['AGENT', 'A lot of people feel that way. What would you like to do?'],
      ['CUSTOMER', 'I pay in four percent now. Can that go up to ten?'],
      ['AGENT', 'It can, from your next payroll.'],
    ]);
    // Act
    const { value } = await summarizeCall(call, summarizer);
    // Assess
    expect(value.reasonForCall).toContain('Can that go up to ten?');
  });

  it('joins what the caller settles on when they change their mind or correct the request before anything is done (summarizer 28)', async () => {
    // Prepare
    const narrowed = callWithTurns([
      ['AGENT', 'Thornacre Bank, Amara speaking.'],
      ['CUSTOMER', 'I want to close my accounts with you, all of them.'],
      ['AGENT', 'I am sorry to hear that. Can I ask why?'],
      ['CUSTOMER', 'It is the overdraft, it keeps tempting me.'],
      ['AGENT', 'We could just take the overdraft off and keep the account open.'],
      ['CUSTOMER', 'Oh, yes, actually. Just the overdraft, then.'],
      ['AGENT', "Done, the overdraft's removed."],
    ]);
    const corrected = callWithTurns([
      ['AGENT', 'Thornacre Bank, Felicity speaking.'],
      ['CUSTOMER', "Hi, it's my address, it needs changing."],
      ['AGENT', 'Sure. Where have you moved to?'],
      ['CUSTOMER', "Oh, I haven't moved. I mean my email address, the old one is closed."],
      ['AGENT', "What's the new one?"],
    ]);
    // Act
    const [a, b] = await Promise.all([
      summarizeCall(narrowed, summarizer),
      summarizeCall(corrected, summarizer),
    ]);
    // Assess
    expect(a.value.reasonForCall).toMatch(/Just the overdraft, then\.$/u);
    expect(b.value.reasonForCall).toContain('I mean my email address');
  });

  it("joins the caller's ask in a later turn to a story that asked nothing, not an answer to the agent's question (summarizer 28)", async () => {
    // Prepare
    const asked = callWithTurns([
      ['AGENT', 'Gorsebrook Mutual, Rosalind speaking.'],
      ['CUSTOMER', 'My son has a car loan with you and he is on a ship in the Atlantic for four months.'],
      ['AGENT', "I can't discuss his account, but anyone can pay towards it with the loan reference."],
      ['CUSTOMER', "I would like to pay this month's instalment with my own card."],
      ['AGENT', "That's gone through."],
    ]);
    const answered = callWithTurns([
      ['AGENT', 'Cullerne Savings, Rufus speaking.'],
      [
        'CUSTOMER',
        'My accountant is on at me. She wants the certificate for the interest on my savings last year.',
      ],
      ['AGENT', 'I can send that. Email or post?'],
      ['CUSTOMER', "Email please, that's quicker."],
      ['AGENT', "It's gone now."],
    ]);
    // Act
    const [a, b] = await Promise.all([summarizeCall(asked, summarizer), summarizeCall(answered, summarizer)]);
    // Assess
    expect(a.value.reasonForCall).toContain("I would like to pay this month's instalment with my own card.");
    expect(b.value.reasonForCall).not.toContain('Email please');
  });
});

describe('the agent summing up the request (summarizer 29)', () => {
  it("joins the agent's summing-up after the telling, keeping the telling's most topical words when both do not fit", async () => {
    // Prepare
    const call = callWithTurns([
      ['AGENT', 'Brackenfold Bank, Priya speaking.'],
      [
        'CUSTOMER',
        'Hello. I was going through the app last night and the garden centre took forty-two pounds off my card on Saturday and then another forty-two pounds on the Sunday, and I only went the once.',
      ],
      [
        'AGENT',
        "Oh dear. So if I've understood you right, the garden centre has charged your card twice and you want the second payment back.",
      ],
      ['CUSTOMER', 'That is it.'],
      ['AGENT', "I've asked for the second one to be returned."],
    ]);
    // Act
    const { value } = await summarizeCall(call, summarizer);
    // Assess
    const reason = value.reasonForCall ?? '';
    expect(reason).toContain(
      "(agent: So if I've understood you right, the garden centre has charged your card twice and you want the second payment back.)",
    );
    expect(reason).toContain('garden centre took forty-two pounds');
    const words = reason
      .replace(/^[^:]*: /u, '')
      .split(/\s+/u)
      .filter((w) => /\p{L}/u.test(w));
    expect(words.length).toBeLessThanOrEqual(40);
  });

  it('does not join an answer that goes on "…, so you are covered", nor a summing-up after something was done', async () => {
    // Prepare
    const answered = callWithTurns([
      ['AGENT', 'Harrowgate Insurance, Tam speaking.'],
      [
        'CUSTOMER',
        'Somebody took my bike from outside the station last night. The lock was cut clean through.',
      ],
      ['AGENT', "I'm sorry. It's listed on your home policy, so you're covered away from home."],
      ['CUSTOMER', 'Thank goodness.'],
    ]);
    const done = callWithTurns([
      ['AGENT', 'Harrowgate Bank, Tam speaking.'],
      ['CUSTOMER', 'There is a charge on my card from a hotel I have never been to.'],
      ['AGENT', "I've blocked the card and a new one is on its way."],
      ['AGENT', "So you'd like the hotel charge looked at as well."],
    ]);
    // Act
    const [a, b] = await Promise.all([summarizeCall(answered, summarizer), summarizeCall(done, summarizer)]);
    // Assess
    expect(a.value.reasonForCall).not.toMatch(AGENT_JOINED);
    expect(b.value.reasonForCall).not.toMatch(AGENT_JOINED);
  });
});

describe("the agent's answer to the telling (summarizer 37)", () => {
  const call = (telling: string, answer: string) =>
    callWithTurns([
      ['AGENT', 'Kestrel Bank, Noor speaking.'],
      ['CUSTOMER', telling],
      ['AGENT', answer],
      ['CUSTOMER', 'Right, okay.'],
    ]);
  const locked = 'I keep typing my password into the app and now it just says I am locked out.';

  it("joins the agent's answer that names what the caller described, when nothing else said the request back", async () => {
    // Prepare: the caller never names the lock; the agent's answer does
    const told = call(locked, "It's locked after five wrong tries.");
    const rate = call(
      'whats your one year saver paying at the moment',
      'the one year fixed saver is four point one per cent at the moment',
    );
    // Act
    const [a, b] = await Promise.all([told, rate].map((x) => summarizeCall(x, summarizer)));
    // Assess
    expect(a!.value.reasonForCall).toMatch(
      /locked out\. \(agent replied: It's locked after five wrong tries\.\)$/u,
    );
    expect(b!.value.reasonForCall).toMatch(
      /\(agent replied: the one year fixed saver is four point one per cent at the moment\)$/u,
    );
  });

  it('joins an answer only while the reason, "(agent replied:" counted as two words, fits in 40 words (review194)', async () => {
    // Prepare: a 32-word telling and a 6-word answer make 40 with the label; 33 words would make 41
    const base =
      'I changed my phone last week and since then I keep typing my password into the app and now it just says I am locked out of the whole thing';
    const fits = call(`${base} every time.`, "It's locked after five wrong tries.");
    const over = call(`${base} every time now.`, "It's locked after five wrong tries.");
    // Act
    const [a, b] = await Promise.all([fits, over].map((x) => summarizeCall(x, summarizer)));
    // Assess: the quote after the topic's "label:" (and its intent's) is at most 40 words either way
    const quoteOf = (r: string) => r.replace(/^[^:]*:\s*/u, '');
    expect(a!.value.reasonForCall).toMatch(
      /every time\. \(agent replied: It's locked after five wrong tries\.\)$/u,
    );
    expect(quoteOf(a!.value.reasonForCall!).split(/\s+/u)).toHaveLength(40);
    expect(b!.value.reasonForCall).toMatch(/^account access: .* every time now\.$/u);
    expect(quoteOf(b!.value.reasonForCall!).split(/\s+/u).length).toBeLessThanOrEqual(40);
  });

  it('joins no apology, pleasantry, question (with or without a question mark), hold, report of what was done, first clause, long answer or instruction', async () => {
    // Prepare: each answer is about the call's topic and would join but for the rule named (each seen
    // joining with the rules switched off)
    const answers = [
      // an apology
      "I'm sorry, the app locks after five wrong passwords.",
      // a pleasantry
      'Congratulations on the new password.',
      // a question a recogniser wrote without its question mark
      'which phone is the app on',
      // a hold
      'Let me check the app lock for you.',
      // a report of what was done (the resolution)
      'Your password is reset now.',
      // longer than twenty words
      'The app locks after five wrong passwords and stays locked for a whole day unless we reset it from here for you today.',
      // a first clause
      'The app locks after five wrong passwords,',
      // an instruction to the caller, also asked politely
      'Tell me what the app lock screen says.',
      'Please tell me what the app lock screen says.',
      // an apology after an acknowledgement
      'Okay, sorry, the app locks after five wrong passwords.',
      // a question without its mark that runs "what's" together
      'whats the app showing on the lock screen',
      // a report of what was done, in the perfect passive
      "The app lock's been reset.",
      // a first clause cut at a dash
      'The app locks after five wrong passwords —',
    ];
    // Act
    const reasons = await Promise.all(
      answers.map(
        async (answer) =>
          (await summarizeCall(call('The app says I am locked out.', answer), summarizer)).value
            .reasonForCall,
      ),
    );
    const named = await summarizeCall(
      call('The app says I am locked out.', 'That must be the password lock.'),
      summarizer,
    );
    // Assess
    // (the agent's words weigh in the call's topic, so only the quote is compared)
    expect(reasons.map((r) => r?.replace(/^[^:]+: /u, ''))).toEqual(
      answers.map(() => 'The app says I am locked out.'),
    );
    // "That must be …" is a pleasantry only when it says no more than a word or two ("That must be annoying.")
    expect(named.value.reasonForCall).toMatch(/\(agent replied: That must be the password lock\.\)$/u);
  });
});

describe('calls the agent made (summarizer 35)', () => {
  it("takes the reason from the agent's opening turns when the agent rang the customer, not from the customer's answers", async () => {
    // Prepare: a renewal callback; the customer only answers the agent's questions
    const call = callWithTurns(callbackTurns);
    // Act
    const { value } = await summarizeCall(call, summarizer);
    // Assess
    expect(value.reasonForCall).toContain('Your two-year fixed rate on the mortgage ends next month');
    expect(value.reasonForCall).not.toContain('forgot');
    expect(value.summary).toMatch(/^Agent called the customer about /u);
  });

  it('keeps the customer\'s request when the agent answers a call ("how can I help"), even after naming them', async () => {
    // Prepare: an inbound call whose greeting names the caller (a known number) and invites the request
    const call = callWithTurns([
      [
        'AGENT',
        "Hi, is that Mrs Adeyemi? It's Priya from Ashdown Building Society, how can I help you today?",
      ],
      [
        'CUSTOMER',
        'Yes, hello. My card was declined at the supermarket this morning and I have money in the account.',
      ],
      ['AGENT', "I can see a block from a fraud check. I've lifted it, so the card works again."],
      ['CUSTOMER', 'Thank you.'],
    ]);
    // Act
    const { value } = await summarizeCall(call, summarizer);
    // Assess
    expect(value.reasonForCall).toContain('My card was declined at the supermarket');
    expect(value.summary).toMatch(/^Customer called about /u);
  });

  it("keeps the customer's request on a callback where the customer asks before the agent says why, and on a transferred call", async () => {
    // Prepare: the agent returns the customer's call and the customer asks; a second agent picks up a transfer
    const callback = callWithTurns([
      ['AGENT', "Hello, may I speak to Mrs Hale? It's Tom from Brackley Insurance returning your call."],
      [
        'CUSTOMER',
        'Oh yes, thank you. I wanted to add my son to the car insurance, he has just passed his test.',
      ],
      ['AGENT', 'Congratulations to him. I can add him as a named driver from today.'],
    ]);
    const transferred = callWithTurns([
      [
        'AGENT',
        "Hi, is that Mr Patel? It's Sam from the claims team, I understand you've been transferred over about your kitchen flood.",
      ],
      ['CUSTOMER', 'Yes, the pipe under the sink burst and the floor is ruined. I want to make a claim.'],
      ['AGENT', "I've opened the claim and an assessor will visit on Monday."],
    ]);
    // Act
    const [a, b] = await Promise.all([
      summarizeCall(callback, summarizer),
      summarizeCall(transferred, summarizer),
    ]);
    // Assess
    expect(a.value.reasonForCall).toContain('I wanted to add my son to the car insurance');
    expect(a.value.summary).toMatch(/^Customer called about /u);
    expect(b.value.reasonForCall).toContain('the pipe under the sink burst');
    expect(b.value.summary).toMatch(/^Customer called about /u);
  });

  it("quotes the caller's words before the agent's first when the recording starts partway and nothing after tells the request (summarizer 45)", async () => {
    // Prepare: the recording starts on the caller's question; the agent's first words answer it
    const midStart = callWithTurns([
      ['CUSTOMER', 'so how much interest does the fixed bond pay these days?'],
      ['AGENT', 'The one-year fixed bond pays four point one percent.'],
    ]);
    // the usual shape: the greeting, then the request, which is quoted as before
    const greeted = callWithTurns([
      ['CUSTOMER', 'Hello?'],
      ['AGENT', 'Good morning, Fernhill Building Society, Dana speaking.'],
      ['CUSTOMER', 'I would like to close my savings account, please.'],
      ['AGENT', "I've closed it and the balance is on its way to your current account."],
    ]);
    // Act
    const [a, b] = await Promise.all([
      summarizeCall(midStart, summarizer),
      summarizeCall(greeted, summarizer),
    ]);
    // Assess
    expect(a.value.reasonForCall).toContain('how much interest does the fixed bond pay');
    expect(b.value.reasonForCall).toContain('close my savings account');
    expect(b.value.reasonForCall).not.toContain('Hello');
  });

  it("does not take a previous call's tail or side talk before the agent's greeting as the reason (a review of summarizer 45; summarizer 46)", async () => {
    // Prepare: words before the greeting that are not this call's request
    const previousTail = callWithTurns([
      ['CUSTOMER', 'so I want to close the ISA and move it all to another bank, bye then.'],
      ['AGENT', 'Good afternoon, Harbour Mutual, this is Priya.'],
      ['CUSTOMER', 'Oh hi, um, yes, hello.'],
      ['AGENT', 'How can I help?'],
      ['CUSTOMER', 'Yeah, hi.'],
    ]);
    const sideTalk = callWithTurns([
      ['CUSTOMER', 'Kids, can you turn that telly down, I need to pay the gas bill later.'],
      ['AGENT', 'Good afternoon, Harbour Mutual, this is Priya.'],
      ['CUSTOMER', 'Hello, sorry about that.'],
    ]);
    // Act
    const [a, b] = await Promise.all([
      summarizeCall(previousTail, summarizer),
      summarizeCall(sideTalk, summarizer),
    ]);
    // Assess
    expect(a.value.reasonForCall ?? null).toBeNull();
    expect(b.value.reasonForCall ?? null).toBeNull();
  });
});
