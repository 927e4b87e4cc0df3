import { CLOSING } from '../../../core/enrich/call-structure.js';
import type { SummaryTurn } from '../../../core/ports/summarizer.js';
import type { CallOutcome } from '../../../schemas/call-document.js';

/**
 * The outcome of a call, read from how it ends (the extractive summarizer's `outcome`):
 *
 * - **follow_up**: the request is not finished on the call and someone has a next step — the
 *   company will call, write or email back, another team has the request (passed on, traced,
 *   reviewed, escalated), a visit or an adjuster's call is booked, or the customer must send,
 *   sign or bring something before it can go ahead;
 * - **not_resolved**: the agent refused or could not do it and nothing is pending, or the caller
 *   ends dissatisfied ("ugh, fine", "that's ridiculous", "no thanks then");
 * - **resolved**: the agent did it, the caller confirms it works, or the caller takes the answer
 *   with nothing refused or pending ("oh, that makes sense", "phew, thanks");
 * - null when the end of the call says none of these.
 */

export interface OutcomeSentence {
  turn: number;
  role: SummaryTurn['role'];
  text: string;
}

/** A next step after the call: a contact back, a team that has the request, something awaited or booked. */
const FOLLOW_UP =
  /\b(?:(?:will|'ll|should) (?:call|contact|email|reach out|get back|follow up|review|investigate|look into|visit|come out|schedule|be in touch)|(?:call|email) you (?:back|within|by|tomorrow|today)|within (?:\p{L}+|\d+) (?:business |working )?(?:days|hours)|(?:once|when|after) (?:we|you) (?:receive|get|have|send|return|sign|upload)|once (?:it|that|the \p{L}+) (?:clears|arrives|is approved)|escalat\p{L}*|opened (?:a|the|your) (?:claim|case|dispute|ticket|fraud)|(?:a|the) (?:decision|letter|result|outcome) (?:within|by)|pending|under review|in the meantime|please (?:send|upload|bring|return|sign|mail|forward|email|file|take)|you(?:'ll| will) need to (?:send|bring|upload|sign|visit|call|return)|call back (?:after|once|when|friday|tomorrow|with)|i'll (?:follow up|send it|sign it|do that|get that|call friday|call back)|(?:they|theyll|someone|somebody|(?:the )?\p{L}+ team)(?:'ll| will|ll)? (?:ring|rings|call|calls|write|writes|email|emails|mail|mails|contact|contacts) you|(?:ring|call|calls|rings) you back|(?:be|get) in touch|(?:ill|i'll|i will) (?:chase|ring)|should be out|(?:will|'ll|ll|should) (?:ring|write to|text) you|\p{L}+ (?:rings|calls|writes to|emails|texts) you|(?:send|sends|mail|mails) you (?:a|the) (?:letter|decision)|you(?:'ll| will)? hear from|pass(?:ed)? (?:it|this|that) (?:to|on to) (?:the|our) \p{L}+|(?:i'll|ill|i will) (?:send|email|mail|post) (?:you )?(?:a|the) (?:new )?(?:\p{L}+ )?(?:forms?|paperwork)|(?:bring|take) [\p{L} ]{1,40}? to (?:a|any|the|your) (?:\p{L}+ )?branch|couriered)\b/iu;

/** The agent refuses or cannot do it. */
const NOT_RESOLVED =
  /\b(?:(?:i'm|i am|im) (?:sorry|afraid),? (?:but )?(?:i|we) (?:can't|cannot|can not|am not able|won't be able|don't)|(?:i|we) (?:can't|cannot|can not|cant|am not able to|are not able to|'m not able to|m not able to|won't be able to) (?:waive|remove|reverse|cancel|change|unlock|override|approve|process|do|make|lift|take|accept|offer|stop)|not able to (?:lift|remove|waive|unlock|make|do|change|approve)|(?:doesn't|does not|don't|do not|won't|will not) (?:qualify|cover|change|accept|allow)|not covered|(?:is|was|are|were) (?:denied|excluded)|no longer (?:support|offer|accept)|(?:there's|there is) nothing (?:else )?(?:i|we) can|forget it|that's (?:ridiculous|absurd|not (?:very )?helpful|not helpful|a shame)|not (?:very )?helpful|disappointing|i'll figure it out|ending (?:this|the) call|not what you wanted to hear)\b/iu;

/** Done: the agent did it, or the call says it is done. */
const RESOLVED =
  /\b(?:(?:that'?s|it'?s|everything(?:'s| is)|you'?re|you are) (?:all )?(?:set|done|fixed|resolved|sorted|taken care of|good to go|paid in full)|(?:that|it) (?:fixed|solved|worked)|it works(?: now)?|(?:it'?s|its) working|that'?s all i needed|i'?m in\b|there it is|got it,? (?:i'm|im) in|i(?:'ve| have)(?: just| now| also)? (?:reversed|refunded|removed|waived|updated|changed|reset|unlocked|cancelled|canceled|closed|blocked|frozen|added|moved|transferred|applied|credited|sent|turned|switched|enrolled|placed|opened|scheduled|issued|recalled|relinked|cleared|ordered|declined|disputed|locked|corrected|taken|processed|set|replaced|enabled)|ive (?:reversed|refunded|removed|waived|updated|changed|reset|unlocked|cancelled|canceled|closed|blocked|frozen|added|moved|transferred|applied|credited|sent|turned|switched|enrolled|cleared|ordered|disputed|locked|corrected|taken|processed|set|replaced|enabled|relinked|recalled)|(?:has|have) been (?:reversed|refunded|removed|waived|updated|changed|reset|cancelled|closed|applied|credited|posted|processed|paid)|(?:it'?s|its|that'?s|payment'?s?|balance is) (?:posted|paid|done|closed|cancelled|zero|gone through|through)|went through|(?:is|are) (?:now )?(?:confirmed|active|approved|updated|fixed)|^(?:done|updated|added|ordered|cancelled|canceled)\b)/iu;

/**
 * The caller's closing word takes the answer or accepts the offer ("perfect, thanks", "yes
 * please", "go on then", "good to know"): with nothing refused or pending, the call ended resolved.
 */
const ACKNOWLEDGED =
  /^(?:(?:oh|ok|okay|ah|right|yes|yeah|yep|great|lovely|brilliant|perfect|fab|cool|nice|hmm|well|alright|all right|fine)[,.!]?\s+){0,3}(?:thanks|thank you|ta|cheers|perfect|great|lovely|brilliant|ideal|wonderful|excellent|fantastic|nice|cool|smashing|superb|good to know|that's (?:great|perfect|helpful|handy|clearer|all)|thats (?:great|perfect|helpful|handy|all)|good news|great news|got it|yes please|please|please do|go on|go for it|do it|let's do it|fair enough|i'll (?:think|mull|look|come|pop)|ill (?:think|mull|look|come|pop))\b/iu;

/** Every outcome pattern, for the summarizer's rules hash (lineage). */
export const OUTCOME_RULES: readonly RegExp[] = [FOLLOW_UP, NOT_RESOLVED, RESOLVED, ACKNOWLEDGED];

/**
 * How the call ended: the last third of the call (at least six turns) is read. `isAction` is the
 * summarizer's test for an agent sentence that reports something done.
 */
export const callOutcome = (
  all: readonly OutcomeSentence[],
  turnCount: number,
  isAction: (s: OutcomeSentence) => boolean,
): CallOutcome | null => {
  const from = Math.min(Math.floor(turnCount * 0.6), Math.max(0, turnCount - 6));
  const end = all.filter((s) => s.turn >= from);
  const agentEnd = end.filter((s) => s.role === 'AGENT');
  if (agentEnd.some((s) => NOT_RESOLVED.test(s.text))) return 'not_resolved';
  if (end.some((s) => s.role === 'AGENT' && FOLLOW_UP.test(s.text) && !CLOSING.test(s.text)))
    return 'follow_up';
  if (end.some((s) => s.role === 'CUSTOMER' && NOT_RESOLVED.test(s.text))) return 'not_resolved';
  if (end.some((s) => RESOLVED.test(s.text))) return 'resolved';
  if (all.some((s) => s.role === 'AGENT' && RESOLVED.test(s.text))) return 'resolved';
  // The agent reported doing something and nothing is pending or refused: done.
  if (end.some((s) => isAction(s))) return 'resolved';
  // The caller's last words take the answer or accept the offer.
  const lastCustomer = end.filter((s) => s.role === 'CUSTOMER').at(-1);
  if (lastCustomer !== undefined && ACKNOWLEDGED.test(lastCustomer.text)) return 'resolved';
  return null;
};
