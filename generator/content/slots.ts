/**
 * Every `{slot}` a script template may use. The narrator fills them per call; agent slots
 * (`prevAgentFirst`, `nextAgentFirst`, `nextTeam`) exist only where there is such an agent.
 */
export const SCRIPT_SLOTS = [
  // The customer's PII, spoken their way (see customer-profile.ts).
  'customerName',
  'firstName',
  'beneficiaryName',
  'dob',
  'phone',
  'phoneLast4',
  'email',
  'address',
  'newAddress',
  'ssn',
  'card',
  'cardLast4',
  'expiry',
  'cvv',
  'account',
  'routing',
  'pin',
  // Per call.
  'company',
  'amount',
  'date',
  'weekday',
  'confirmation',
  'claimNumber',
  'days',
  'waitMinutes',
  'about',
  'reason',
  'dayPart',
  'greetingTime',
  // Per speaking agent.
  'agentFirst',
  'team',
  'prevAgentFirst',
  'nextAgentFirst',
  'nextTeam',
] as const;
export type ScriptSlot = (typeof SCRIPT_SLOTS)[number];
