/**
 * Held-out PII evaluation set, written by hand apart from the generator's lines and the rules'
 * cue lists (other phrasings, other orders, ASR spellings, numbers written as digits, values
 * split over turns, read-backs, lowercase unpunctuated ASR output) plus plenty of look-alikes
 * that are NOT personal data: order numbers, amounts, times, counts, product names.
 *
 * Markup: `[[TYPE|words]]` is a planted value. `A:` agent, `C:` customer, `I:` IVR prompt.
 * A case marked `lowercase` is scored as a speech engine without capitals or punctuation writes it.
 */
export interface HeldOutCase {
  id: string;
  lowercase?: boolean;
  /** Names the CTR would know (agents). */
  knownNames?: string[];
  turns: string[];
}

export const HELD_OUT: readonly HeldOutCase[] = [
  {
    id: 'card over two turns with a backchannel',
    turns: [
      'A: Okay, whenever you are ready, go ahead with the long number on the front.',
      'C: Alright, [[CREDIT_DEBIT_NUMBER|five four two three, one one two two]]',
      'A: Mm-hmm.',
      'C: [[CREDIT_DEBIT_NUMBER|nine eight seven six, five four three two]].',
      'A: Thank you. And the three numbers on the back of the card?',
      'C: [[CREDIT_DEBIT_CVV|four oh nine]].',
    ],
  },
  {
    id: 'card written as digits, expiry as month and year',
    turns: [
      'A: What card are we using today?',
      'C: My Mastercard. [[CREDIT_DEBIT_NUMBER|5105 1051 0510 5100]].',
      'A: Expiration?',
      'C: [[CREDIT_DEBIT_EXPIRY|June twenty twenty eight]].',
    ],
  },
  {
    id: 'agent reads the card back',
    turns: [
      'A: Please read me the card number.',
      'C: [[CREDIT_DEBIT_NUMBER|four oh one two, eight eight eight eight, eight eight eight eight, one eight eight one]]',
      'A: Let me repeat that: [[CREDIT_DEBIT_NUMBER|four oh one two, eight eight eight eight, eight eight eight eight, one eight eight one]]. Is that right?',
      'C: Yes, that is correct.',
    ],
  },
  {
    id: 'double and triple digits in a phone number',
    turns: [
      'A: And what is a good callback number in case we get disconnected?',
      'C: [[PHONE|Seven one three, triple five, double two one nine]].',
      'A: Got it. I will note that down.',
    ],
  },
  {
    id: 'phone number given unprompted, written format',
    turns: [
      'C: You can text me at [[PHONE|(206) 555-0147]] if anything changes.',
      'A: Perfect, I have added that to the notes.',
    ],
  },
  {
    id: 'phone last four, asked in other words',
    turns: [
      'A: Can you give me the last four digits of the phone number on the account?',
      'C: Sure, [[PHONE|eight two zero one]].',
    ],
  },
  {
    id: 'social in a noisy answer',
    turns: [
      'A: I need to verify the account holder. What are the digits of your social?',
      'C: Um, okay, it is [[SSN|five two one, um, four four, six oh nine eight]].',
      'A: Thank you for that.',
    ],
  },
  {
    id: 'SSN written with dashes',
    turns: [
      'C: The form says my SSN is [[SSN|078-05-1120]] but that is wrong.',
      'A: I can fix that for you.',
    ],
  },
  {
    id: 'last four of the social',
    turns: [
      'A: For verification, just the last four of your social security number, please.',
      'C: [[SSN|six six two one]].',
    ],
  },
  {
    id: 'bank details in one breath',
    turns: [
      'A: Which account should the refund go to?',
      'C: My savings, account [[BANK_ACCOUNT_NUMBER|three three eight, one nine two, oh four five six]] and the routing is [[BANK_ROUTING|0 2 1 0 0 0 0 2 1]].',
      'A: Thanks, I have both.',
    ],
  },
  {
    id: 'routing number said alone after the question',
    turns: [
      'A: Could I also get the nine digit routing number?',
      'C: Yes, [[BANK_ROUTING|one two two, one oh five, two seven eight]].',
    ],
  },
  {
    id: 'date of birth, numeric, after an ASR slip in the question',
    turns: [
      'A: And can I get your date a birth please?',
      'C: [[DATE_OF_BIRTH|Oh nine, twelve, nineteen seventy]].',
    ],
  },
  {
    id: 'date of birth written',
    turns: ['A: Birthday on the account?', 'C: It should be [[DATE_OF_BIRTH|3/14/1988]].'],
  },
  {
    id: 'date of birth in a sentence',
    turns: ['C: I was born on [[DATE_OF_BIRTH|the second of February, two thousand one]], if that helps.'],
  },
  {
    id: 'PIN and security answer',
    turns: [
      'A: I will also need the PIN you set up for phone banking.',
      'C: [[PIN|Nine nine one seven]].',
      'A: And the answer to your security question, the name of your first pet?',
      'C: [[SECURITY_ANSWER|Biscuit]].',
    ],
  },
  {
    id: 'maiden name in the same turn',
    turns: ["C: My mother's maiden name is [[SECURITY_ANSWER|Kowalczyk]], if you need it."],
  },
  {
    id: 'email with underscore and digits',
    turns: [
      'A: What is the best email to send the statement to?',
      'C: It is [[EMAIL|jay underscore park eighty eight at hotmail dot com]].',
    ],
  },
  {
    id: 'email written',
    turns: ['C: Just send it to [[EMAIL|r.santos@example.org]] please.', 'A: Will do.'],
  },
  {
    id: 'email read back with period',
    turns: [
      'C: My email is [[EMAIL|lena period fox at outlook dot com]].',
      'A: So that is [[EMAIL|lena period fox at outlook dot com]], correct?',
      'C: Correct.',
    ],
  },
  {
    id: 'address with abbreviations, unit and zip',
    turns: [
      'A: Where should we mail the new card?',
      'C: To [[ADDRESS|2210 Birch St, Apt 4, Denver]], and that is it.',
    ],
  },
  {
    id: 'address spoken in pairs',
    turns: [
      'C: We moved to [[ADDRESS|eighteen forty two Harbor View Drive]] last month.',
      'A: Congratulations.',
    ],
  },
  {
    id: 'names after different cues',
    knownNames: ['Olivia Grant'],
    turns: [
      'A: Thanks for calling, [[NAME|Olivia]] speaking. Who do I have the pleasure of talking to?',
      "C: Hi [[NAME|Olivia]], my name's [[NAME|Derek Fairbanks]].",
      'A: Nice to meet you, Mr. [[NAME|Fairbanks]]. How can I help?',
    ],
  },
  {
    id: 'name answer to a full-name question',
    turns: ['A: Could you spell out your full name for me?', 'C: Sure, [[NAME|Anneliese Vogt]].'],
  },
  {
    id: 'name of another person mentioned',
    turns: [
      'C: I spoke to someone named [[NAME|Harold]] yesterday and he said it was fixed.',
      'A: I am sorry about that.',
    ],
  },
  {
    id: 'lowercase speech engine output',
    lowercase: true,
    turns: [
      'A: can i get the card number please',
      'C: yeah it is [[CREDIT_DEBIT_NUMBER|four seven one six nine one two three four five six seven eight nine zero one]]',
      'A: and your date of birth',
      'C: [[DATE_OF_BIRTH|march third nineteen sixty two]]',
      'A: and your name',
      'C: my name is [[NAME|peter chang]]',
    ],
  },
  {
    id: 'IVR asks, caller keys in the number by voice',
    turns: [
      'I: Please say or enter your account number, followed by the pound key.',
      'C: [[BANK_ACCOUNT_NUMBER|four four one nine oh two seven three]].',
    ],
  },
  {
    id: 'upstream redaction missed half of a card',
    turns: [
      'A: What card number should I use?',
      'C: It is [PII] [[CREDIT_DEBIT_NUMBER|four four nine one]].',
    ],
  },
  // Batch 2: written after the rules, to probe them (first-run results are in the PR report).
  {
    id: 'account number given before the agent finishes asking',
    turns: [
      'A: And the account you want the funds to come out of, the...',
      'C: Checking. [[BANK_ACCOUNT_NUMBER|Nine oh oh two, four four one, eight seven]].',
      'A: Thank you.',
    ],
  },
  {
    id: 'caller corrects a digit',
    turns: [
      'A: Phone number for the account?',
      'C: [[PHONE|Three one two, eight eight four]], no sorry, [[PHONE|eight eight five, two two one oh]].',
    ],
  },
  {
    id: 'card number with the agent repeating groups',
    turns: [
      'A: Ready for the card number.',
      'C: [[CREDIT_DEBIT_NUMBER|Three seven one four]]',
      'A: [[CREDIT_DEBIT_NUMBER|Three seven one four]].',
      'C: [[CREDIT_DEBIT_NUMBER|four nine six three five]]',
      'A: [[CREDIT_DEBIT_NUMBER|four nine six three five]].',
      'C: [[CREDIT_DEBIT_NUMBER|three nine eight four three one]].',
    ],
  },
  {
    id: 'date of birth as day month year with a written year',
    turns: ['A: Can you confirm your DOB?', 'C: [[DATE_OF_BIRTH|Twenty first of July 1979]].'],
  },
  {
    id: 'zip and street number without a suffix word',
    turns: [
      'A: What is the billing address on the card?',
      'C: [[ADDRESS|Forty one Ridgeway Terrace]], zip code [[ADDRESS|six oh six one four]].',
    ],
  },
  {
    id: 'name spelled out letter by letter',
    turns: ['A: Could you spell your last name?', 'C: Sure, it is [[NAME|K A R L S S O N]].'],
  },
  {
    id: 'one-time code read from a text message',
    turns: [
      'A: I just sent a code to your phone, can you read it to me?',
      'C: Yes, it says [[PIN|four eight two nine one six]].',
    ],
  },
  {
    id: 'social with the word security left out by ASR',
    turns: ['A: Last four of the social on file?', 'C: [[SSN|Oh eight one two]].'],
  },
  {
    id: 'email with a number and a dash',
    turns: ['C: Use [[EMAIL|maria dash lopez seventy one at yahoo dot com]] for that.', 'A: Okay.'],
  },
  {
    id: 'customer volunteers phone in a longer sentence',
    turns: [
      'C: If you need me later my cell is [[PHONE|four one five, two two two, nine three one two]] and I am around after six.',
      'A: Noted.',
    ],
  },
  {
    id: 'numbers that look long but are not personal',
    turns: [
      'A: Your case number is two two four nine one eight three seven, and the ticket is eight eight one two nine.',
      'C: And the total came to one thousand four hundred eighty two dollars and fifty cents?',
      'A: Yes, one thousand four hundred eighty two fifty.',
    ],
  },
  {
    id: 'dates that are not dates of birth',
    turns: [
      'C: The charge was on March third, twenty twenty five, and again on April first.',
      'A: I see both charges, from the third of March and the first of April.',
    ],
  },
  // Look-alikes: nothing here is personal data.
  {
    id: 'order and tracking numbers',
    turns: [
      'C: I am calling about order number seven seven one two four nine eight eight.',
      'A: I see it. The tracking number is one Z nine nine nine, eight eight two, seven one four three.',
      'C: And the confirmation code was four five nine two two one, right?',
      'A: Yes.',
    ],
  },
  {
    id: 'amounts, times and counts',
    turns: [
      'A: Your balance is four hundred twenty two dollars and fifteen cents.',
      'C: I paid one thousand two hundred last month though.',
      'A: The payment posted on March fourth at two thirty in the afternoon.',
      'C: I have called three times in two weeks about this.',
      'A: I understand. It can take three to five business days.',
      'C: Okay, and the late fee was thirty five dollars?',
      'A: Yes, thirty five dollars. I can waive it once every twelve months.',
    ],
  },
  {
    id: 'years and plans',
    turns: [
      'C: I have been a customer since twenty fifteen.',
      'A: Thank you. The twenty twenty four plan costs nineteen ninety nine a month.',
      'C: What about the one from two thousand nineteen?',
      'A: That one was discontinued in twenty twenty two.',
    ],
  },
  {
    id: 'card talk without a card number',
    turns: [
      'A: Which card would you like to use today?',
      'C: The Visa, the one I used last time.',
      'A: Okay, I will charge the card on file, the one ending in the same digits as before.',
      'C: Perfect, one moment, let me find my glasses.',
    ],
  },
  {
    id: 'company and product names',
    turns: [
      'A: Thank you for calling Northwind Telecom. This is the Premium Unlimited plan we discussed.',
      'C: Does it include Netflix and the Apple Watch line?',
      'A: It includes both, plus Wi-Fi calling on the Galaxy and iPhone.',
    ],
  },
  {
    id: 'numbers in instructions',
    turns: [
      'I: For billing, press one. For technical support, press two. To hear these options again, press nine.',
      'A: Please restart the router, wait thirty seconds, then hold the button for ten seconds.',
      'C: Okay, the light is blinking four times now.',
      'A: Go to settings, then option three, and set the channel to eleven.',
    ],
  },
  {
    id: 'oh as an interjection',
    turns: ['C: Oh, okay. Oh no, that is not what I wanted.', 'A: Oh, I see. Let me fix it.'],
  },
  {
    id: 'extension and room numbers',
    turns: [
      'A: You can reach our claims desk at extension four four one two.',
      'C: And the office is in room three twelve?',
      'A: Yes, room three twelve, on floor two.',
    ],
  },
];
