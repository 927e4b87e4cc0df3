import { labelledCallDocument, unlabelledCall } from '../../eval/labelled-calls.js';
import type { CallDocument, TurnRole } from '../../schemas/call-document.js';

/** A merged call document with the given turns (role, text), 5 s apart, everything else empty. */
export const callWithTurns = (
  turns: readonly (readonly [TurnRole, string])[],
  callId = 'call-1',
): CallDocument =>
  labelledCallDocument(
    unlabelledCall(
      callId,
      turns.map(([role, text]) => ({ role, text })),
    ),
  );

/** The agent's reason in `callbackTurns`. */
export const CALLBACK_REASON =
  'Your two-year fixed rate on the mortgage ends next month, and you would move onto our standard variable rate.';

/** A renewal callback the agent made (summarizer 35): the customer only answers the agent. */
export const callbackTurns: readonly (readonly [TurnRole, string])[] = [
  ['CUSTOMER', 'Hello?'],
  [
    'AGENT',
    "Hello, could I speak to Mr Okafor? This is Priya calling from Ashdown Building Society. It's about your mortgage.",
  ],
  ['CUSTOMER', 'Speaking. What about it?'],
  ['AGENT', 'Before I go on, can you confirm the first line of your address?'],
  ['CUSTOMER', '[PII].'],
  ['AGENT', `Thanks. ${CALLBACK_REASON}`],
  ['CUSTOMER', 'I completely forgot about that, we were away most of the summer.'],
  ['AGENT', "I've booked you a call with a mortgage adviser on Thursday to go through new fixed rates."],
  ['CUSTOMER', 'Brilliant, thanks.'],
];
