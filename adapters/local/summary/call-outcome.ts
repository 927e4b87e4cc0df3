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
 * - null when the end of the call says none of these, or when the caller said nothing at all (no
 *   customer speech: a silent customer channel).
 */

export interface OutcomeSentence {
  turn: number;
  role: SummaryTurn['role'];
  text: string;
}

/** A next step after the call: a contact back, a team that has the request, something awaited or booked. */
const FOLLOW_UP =
  /\b(?:(?:will|'ll|should) (?:call|contact|email|reach out|get back|follow up|review|investigate|look into|visit|come out|schedule|be in touch)|(?:call|email) you (?:back|within|by|tomorrow|today)|(?:once|when|after) (?:we|you|they) (?:receive|get|have|send|return|sign|upload)|once (?:it|that|the \p{L}+) (?:clears|arrives|is approved)|escalat\p{L}*|(?:opened|logged|lodged) (?:a|an|the|your) (?:[\p{L}-]+ )?(?:claim|case|dispute|ticket|fraud|fault|complaint|investigation)|raised (?:a|an|the|your) (?:[\p{L}-]+ )?(?:fault|complaint|ticket)|(?:a|the) (?:decision|letter|result|outcome) (?:within|by)|(?:is|are|still|remains?|stays?) pending|under review|in the meantime|please (?:send|upload|bring|return|sign|mail|forward|email|file|take|report)|(?:you|he|she|they)(?:'ll| will) need to (?:send|bring|upload|sign|visit|call|return|(?:come|go|pop) in(?:to)?|(?:come|go|pop) (?:in |down |round )?to (?:a|any|the|your|our) (?:\p{L}+ )?(?:branch|office))|call back (?:after|once|when|friday|tomorrow|with)|i'll (?:follow up|send it|sign it|do that|get that|call friday|call back)|(?:they|theyll|someone|somebody|(?:the )?\p{L}+ team)(?:'ll| will|ll)? (?:ring|rings|call|calls|write|writes|email|emails|mail|mails|contact|contacts) you|(?:ring|call|calls|rings) you back|(?:be|get) in touch|(?:ill|i'll|i will) (?:chase|ring)|should be out|(?:will|'ll|ll|should) (?:ring|write to|text) you|\p{L}+ (?:rings|calls|phones|writes to|emails|texts) you|(?:i'll|ill|i will|we'll|we will) (?:call|phone|ring) (?:you )?(?:back )?(?:on |next |first thing )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|next week)|(?:send|sends|mail|mails) you (?:a|the) (?:letter|decision)|you(?:'ll| will)? hear from|pass(?:ed)? (?:it|this|that) (?:to|on to) (?:the|our) \p{L}+|(?:i'll|ill|i will|we'll|we will|i'm|im|i am|we're) (?:send|sending|email|emailing|mail|mailing|post|posting) (?:you |her |him |them )?(?:out )?(?:(?:a|the|our|your) )?(?:new )?(?:[\p{L}-]+ ){0,2}(?:forms?|paperwork|pack|application|quote)|(?:forms?|pack|paperwork|application|quote)\b[^.?!]{0,20}?\b(?:(?:is|are|will be|'ll be) (?:in the post|on (?:its|the|their) way|going out)|(?:will be|'ll be) with you)|(?:bring|take) [\p{L} ]{1,40}? to (?:a|any|the|your) (?:\p{L}+ ){0,2}branch|couriered|(?:send|email|post) (?:me|us) [^.?!]{1,60}? and (?:i'll|ill|i will|we'll|we will)|can you (?:[\p{L}']+ ){0,6}?(?:send|email|post|upload|forward) (?:[\p{L}']+ ){0,8}?(?:to (?:the|our|us|me)|in\b)|(?:ill|i'll|i will) (?:trace|chase)|before we (?:can )?(?:pay|release) (?:anything|it|them|the money|you))\b/iu;

/** The agent refuses or cannot do it. */
const NOT_RESOLVED =
  /\b(?:(?:i'm|i am|im) (?:sorry|afraid),? (?:but )?(?:i|we) (?:can't|cannot|can not|am not able|won't be able|don't)|(?:i|we) (?:can't|cannot|can not|cant|am not able to|are not able to|'m not able to|m not able to|won't be able to) (?:waive|remove|reverse|cancel|change|unlock|override|approve|process|do|make|lift|take|accept|offer|stop)|not able to (?:lift|remove|waive|unlock|make|do|change|approve)|(?:doesn't|does not|don't|do not|won't|will not) (?:qualify|cover|change|accept|allow)|not covered|(?:is|was|are|were) (?:denied|excluded)|no longer (?:support|offer|accept)|(?:there's|there is) nothing (?:else )?(?:i|we) can|forget it(?! (?:in|from|on|under)\b)|that's (?:ridiculous|absurd|not (?:very )?helpful|not helpful|a shame)|not (?:very )?helpful|disappointing|i'll figure it out|ending (?:this|the) call|not what you wanted to hear)\b/iu;

/** Done: the agent did it, or the call says it is done. */
const RESOLVED =
  /\b(?:(?:that'?s|it'?s|everything(?:'s| is)|you'?re|you are) (?:all )?(?:set|done|fixed|resolved|sorted|taken care of|good to go|paid in full)|(?:that|it) (?:fixed|solved|worked)|it works(?: now)?|(?:it'?s|its) working|that'?s all i needed|i'?m in\b|there it is|got it,? (?:i'm|im) in|i(?:'ve| have)(?: just| now| also)? (?:reversed|refunded|removed|waived|updated|changed|reset|unlocked|cancelled|canceled|closed|blocked|stopped|frozen|added|moved|transferred|applied|credited|sent|turned|switched|enrolled|placed|opened|scheduled|issued|recalled|relinked|cleared|ordered|declined|disputed|locked|corrected|taken|processed|set|replaced|enabled)|ive (?:reversed|refunded|removed|waived|updated|changed|reset|unlocked|cancelled|canceled|closed|blocked|stopped|frozen|added|moved|transferred|applied|credited|sent|turned|switched|enrolled|cleared|ordered|disputed|locked|corrected|taken|processed|set|replaced|enabled|relinked|recalled)|(?:has|have|['\u2019]s|['\u2019]ve) been (?:reversed|refunded|removed|waived|updated|changed|reset|cancelled|closed|applied|credited|posted|processed|paid)|(?:it'?s|its|that'?s|payment(?:'s| is| has)|balance is) (?:posted|paid|done|closed|cancelled|zero|gone through|through)|(?<!\b(?:never|not|hasn't|hadn't|nothing|never really) )went through|(?:is|are) (?:now )?(?:confirmed|active|approved|updated|fixed)|^(?:done|updated|added|ordered|cancelled|canceled)\b)/iu;

/**
 * The caller's closing word takes the answer or accepts the offer ("perfect, thanks", "yes
 * please", "go on then", "good to know"): with nothing refused or pending, the call ended resolved.
 */
const ACKNOWLEDGED =
  /^(?:(?:oh|ok|okay|ah|right|yes|yeah|yep|great|lovely|brilliant|perfect|fab|cool|nice|hmm|well|alright|all right|fine|grand)[,.!]?\s+){0,3}(?:thanks|(?:that |it )?suits (?:me|us)|grand|thank you|ta|cheers|perfect|great|lovely|brilliant|ideal|wonderful|excellent|fantastic|nice|cool|smashing|superb|good to know|that's (?:great|perfect|helpful|handy|clearer|all)|thats (?:great|perfect|helpful|handy|all)|good news|great news|got it|yes please|please|please do|go on|go for it|do it|let's do it|fair enough|(?:i'll|ill) (?:have a )?(?:think|mull|look|come|pop))\b/iu;

/**
 * A next step told in other words: someone (a team, a specialist, the agent) comes back to the
 * caller later with words between ("our lending team will go over it and phone you"), a contact
 * to expect, the request passed to or asked of another team, the fix awaited ("we'll text you when
 * it has gone through"), something the caller must return first, a retry on a later day ("I'll
 * take the payment again on the fifth"); "we'll" unpunctuated by a recogniser ("well write when
 * its done"), something awaiting a check ("once it's verified, …"), a matter left with the company
 * ("leave it with us"), a step promised if a fix fails ("if that still fails, I'll post you …"),
 * a claim or fault the agent will open or log, a letter within days ("we'll write within ten
 * working days"), a stopgap while a team fixes it (not "the money's back while we investigate").
 */
const NEXT_STEP =
  /\b(?:(?:will|'ll|ll|should|is going to|are going to|gonna) (?:[\p{L}']+ ){0,8}?(?:call|phone|ring|email|e-mail|text|write to|contact|get back to|come back to|update) you\b|(?:will|'ll|ll) (?:[\p{L}']+ ){0,8}?let you know|(?:i'll|ill|i will|i'm going to|let me) (?:get|have|ask) (?:one of )?(?:our|a|an|the|my) [\p{L} ]{1,40}?(?:to )?(?:call|phone|ring|email|text|contact|write)|expect (?:a|an|the|their|our|his|her) [\p{L}' ]{0,30}?(?:call|email|letter|visit|text)|(?:i'?ve|i have|we'?ve|we have) (?:asked|told|passed|sent|referred|forwarded|raised|put|flagged)(?: [\p{L}']+){0,4}? (?:to|with|for) (?:the|our|a|my) [\p{L} ]{0,30}?(?:team|department|desk|people|supervisor|manager|specialist|underwriters?|adjusters?)|(?:i'?ve|i have) asked (?:the |our )?(?:[\p{L}]+ ){1,2}?(?:team |people |desk )?to|(?:i'll|ill|i will) (?:put|pass|send|raise|refer) (?:it|this|that|a request|the request|your [\p{L}]+) (?:to|with|over to|on to) (?:the|our|a|my)|(?:i'm|im|i am|we're|we are) (?:passing|referring|handing) (?:it|this|that|them|your [\p{L}]+) (?:on |over |across )?(?:to|with) (?!you\b|your\b)(?:the |our |a |my )?\p{L}+|(?:when|once) (?:it|that|this)(?:'s| is| has| have)? (?:done|gone through|posts?|posted|cleared?|arrived?|sorted|fixed|been [\p{L}]+)|(?:fill|sign) (?:it|them|that|this|the [\p{L}]+) (?:in |out )?and (?:post|send|email|bring|return|mail) (?:it|them)|(?:send|post|mail|email) (?:it|them) back\b|(?:you'll|youll|you will) get (?:a|an) (?:text|email|e-mail|call|letter|message) (?:as soon as|when|once)|get back to you|report back|let you know what|(?:if|once|when|as soon as) you (?:can |could )?(?:send|bring|upload|email|post|return|sign|scan)|(?:i'll|ill|i will|let me) (?:ask|check with|speak to|talk to) (?:the|our|my) [\p{L} ]{0,30}?(?:team|department|desk|people|manager|supervisor|underwriters?)|(?:i|we) need (?:the|our) [\p{L} ]{0,30}?(?:team|department|desk|people) to|drop you (?:a|an) (?:line|email|e-mail|text|note)|(?:decides?|reviews?|assess(?:es)?) (?:it |your [\p{L}]+ )?(?:within|by)|schedul\p{L}* [\p{L} ]{0,30}?for (?:the end|next|tomorrow|\p{L}+day)|(?:send|ship|post|courier)(?: you)?(?: out)? (?:a|the) (?:new|replacement) (?:card )?(?:reader|terminal|machine|device|router|token)|(?:new|replacement) (?:card )?(?:reader|terminal|machine|device) (?:out|over)|(?:i'll|ill|i will|we'll|we will|well) (?:try|take|collect|run|attempt|present|put) (?:[\p{L}']+ ){0,4}?again (?:on|next|tomorrow|in|at|from)\b|\bwell (?:write|text|call|ring|email|message|contact|be in touch|let you know)|(?:i'm|im|i am|we're|we are) (?:logging|lodging|raising|reporting) (?:it|yours|this|that|a|an|the|your)\b|(?:when|once) (?:it|that|this|they|the [\p{L}]+) (?:comes|arrives|lands|turns up|gets there)\b|(?:once|when) (?:it|that|this|they|the [\p{L}]+)(?:'s| is|s|'re| are| has been| have been) \p{L}+ed\b|leave it with (?:us|me)\b|(?:will|'ll|ll) take (?:it|this|that|things) (?:on )?from here\b|(?:i'll|ill|i will|we'll|we will) (?:open|log|lodge|raise|file|register) (?:a|an|the|your) (?:[\p{L}-]+ )?(?:claim|case|dispute|ticket|fault|complaint|investigation|report)\b|(?:i'll|ill|i will|we'll|we will) (?:log|lodge|raise|report) (?:it|yours|that)\b|(?:we'll|we will|they'll|they will) write (?:within|by|when|once|in)\b|while (?:they|the [\p{L}]+ (?:team|people)) (?:fix|sort|repair)|\bif (?:that|it|this|they|its|it's)(?:'s)? (?:still|fails?|doesn't|does not|won't|isn't|keeps)[^.?!]{0,40}?\b(?:i'll|ill|i will|we'll|we will|give us a (?:ring|call|shout)|(?:call|ring) us)\b|(?:i'd|id|i would|we'd|we would) like (?:a|an|the|our|my|one of our) [\p{L} ]{1,30}? to (?:call|phone|ring|email|contact|write to|visit) you\b|(?:is|are|it's|its|they're|theyre|['\u2019]s|['\u2019]re) (?:going|being (?:passed|sent|referred|handed)) (?:over |across |on )?to (?:the|our|a) [\p{L} ]{0,30}?(?:team|department|desk|people|underwriters?|adjusters?|specialists?)\b|(?:someone|somebody|an? \p{L}+|our \p{L}+) from (?:[\p{L}'-]+ ){1,4}?(?:will|'ll|ll|is going to) (?:phone|ring|call|visit|come|be in touch|get in touch|contact)\b)/iu;

/** The agent cannot do it on this call, in other words: not from here, not eligible, not supported. */
const CANNOT =
  /\b(?:(?:(?:i|we) (?:can't|cant|cannot|can not|won't be able to|are unable to|am unable to)|(?:i'm|im|i am|we're|we are) (?:not able|unable) to) (?:do|end|fix|sort|change|speed|help|move|close|open|release|lift|remove|refund|extend|increase|add|send|reverse|waive|cancel|make|get|see to|match|offer|give|agree|approve|accept|pay|transfer|unlock|override|promise|guarantee|push|put|force|process)\b|(?:isn't|is not|isnt|aren't|are not|arent|not) (?:eligible|allowed|possible|supported|covered|available|one of the)|(?:don't|dont|do not|doesn't|doesnt|does not|won't|wont|will not) (?:support|qualify|cover|allow|offer|accept)|(?:no|sorry|afraid),? (?:i'm |im )?(?:sorry|afraid)?,? ?(?:that|it|the [\p{L}]+) (?:isn't|doesn't|won't|can't|is not|does not|will not)|nothing (?:i|we) can (?:do|speed)|only (?:the|our) [\p{L} ]{1,30}?(?:team|department) can|(?:won't|wont|will not) let (?:me|us)|unfortunately|(?:i'm|im|i am) afraid (?:that|it|we|i|there|not|this|the|you)\b|there'?s no way|\bneither\b[^.?!]{0,40}?\bcan\b|(?:we|they) (?:stopped|no longer) \p{L}+ing\b|working on a fix|(?:you'd|youd|you would|you'll|you will) (?:need|have) to (?:call|contact|ring|speak to|ask|go to) (?:the|your) (?![\p{L} ]*(?:team|department|branch))|we still need)\b/iu;

/** The caller ends dissatisfied. */
const DISSATISFIED =
  /(?:^|\b)(?:ugh|urgh|whatever(?!['\u2019]s\b|\s+(?:is|was|else)\b)|rubbish|annoy\p{L}*|no thanks|no thank you|that stinks|that sucks|annoying|ridiculous|unbelievable|useless|frustrating|disappointing|daylight robbery|waste of time|pointless|not good enough|not happy|forget it|so (?:i|you) (?:just )?(?:can't|cant|cannot)|i (?:need|needed) (?:it|them|that|this) (?:today|now|this week)|not (?:really )?(?:a|any) (?:fix|solution|answer|help)|i don'?t want to|that'?s insane|seriously\?|(?:i'll|ill|i will|let me) (?:talk to|speak to|check with|ask) (?:my|our|the) [\p{L} ]{1,30}? first|(?:i'll|ill|i will) (?:leave|keep) it (?:open|as it is|for now)|(?:think about it|think it over) and (?:i'll|ill|i will) (?:call|ring|get) back|thank(?:s| you) anyway|oh well|(?:i'm|im|i am) not (?:signing|doing|filling in|sending|paying|going through) (?:anything|that|it|any ?more|another|again))\b|\bthat'?s that(?: then)?[.!]*$|^typical[.!]*$/iu;

/** The caller says the fix works ("it opened straight away this time", "that did it"). */
const WORKS =
  /\b(?:(?:works|working|worked|loads?|loading|opens?|opened|open|connected|updating|in|through|fine|there) (?:now|fine now|this time|straight away)|(?:that|it) (?:did it|did the trick|was it|worked|works)|(?:it'?s|its) (?:working|loading|fine|there) now|now (?:it'?s|its|it is) (?:updating|working|loading|fine)|(?:it|that) opened|loads fine|(?:i'?m|im|i am|we'?re|were) back in)\b/iu;

/** The caller takes the answer or the offer ("that makes sense", "what a relief", "yes, monthly would be good"). */
const TAKEN =
  /\b(?:makes (?:sense|more sense)|(?:what a |that's a )relief|phew|lifesaver|life saver|that (?:helps|would help|will help|does help)|helps a lot|(?:now )?i (?:know|see|understand)(?: now)?\b|i was looking at the wrong|would be (?:good|great|perfect|lovely|fine|best)|sounds (?:good|great|perfect|fine)|thanks|thank you|cheers)\b|\bplease[.!]?$/iu;

const NOT_THANKS = /\bno,? thanks?\b|\bno thank you\b/iu;

/** Done, told as a state: "both cards are blocked now", "sent you a reset link just now". */
const DONE_NOW =
  /\b(?:(?:is|are|was|were|has been|have been|['\u2019]s|['\u2019]re) (?:now )?(?:blocked|stopped|cancell?ed|canceled|closed|frozen|locked|unlocked|updated|changed|reset|removed|refunded|reversed|sorted|fixed|added|switched \p{L}+|set up)(?: now| already)?|(?:has been|have been|['\u2019]s been|['\u2019]ve been) (?:now )?(?:sent|paid|approved|credited|issued)\b|(?:that'?s|it'?s|its|thats) (?:now )?(?:been )?(?:sent|changed|updated|blocked|cancell?ed|unlocked|reset)\b|^(?:all )?(?:sent|blocked|stopped|cancell?ed|closed|frozen|unlocked|updated|changed|reset|removed|refunded|sorted|fixed|added)\b)/iu;

/** The request now sits with another team ("those two transfers are with our fraud team now"): a next step, however soon. */
const WITH_TEAM =
  /\b(?:is|are|it's|its|they're|theyre) (?:now )?with (?:the|our) [\p{L} ]{0,20}?(?:team|department|underwriters?|adjusters?)\b/iu;

/** Said as done while the caller is on the line ("I'll email it over to you now"): not a later step. */
const IMMEDIATE = /\b(?:right now|now|straight away|right away|as we speak)[.!]?$/iu;

/** Where a sentence joins two clauses ("…, and I'll text…", "…; the sooner…"). */
const CLAUSE_BREAK = /,?\s+and\s+(?=(?:i|i'll|ill|i'm|im|we|we'll|you|you'll|youll|they|he|she)\b)|;\s*/iu;

/** The agent holds or checks ("let me look into it"): not an answer. */
const HOLDING = /^(?:let me|i'll|i will|one (?:moment|sec|second)|bear with|hold on|just a)\b/iu;

/**
 * Something is on its way and the caller must wait for it: a letter, a cheque, a refund, a new card
 * or device in the post or due in days; a visit or an inspection booked.
 */
const ON_ITS_WAY =
  /\b(?:(?:letter|cheque|check|card|cards|refund|replacement|replacements|pin|certificate|documents?|paperwork|reader|terminal|device)\b[^.?!]{0,40}?\b(?:is|are|will be|'ll be|ll be|should be|goes|go|going|gets?) (?:on (?:its|their) way|in the post|posted|sent out|mailed|out (?:today|tomorrow|tonight|this week)|with you|arriv\p{L}*)|(?:you'll|youll|you will|you should) (?:get|receive|see) (?:a|the|your) (?:new |replacement )?(?:letter|cheque|check|card|refund|pin|certificate|reader|terminal)\b[^.?!]{0,30}?\b(?:in|within|by|next)\b|(?:it|they)(?:'ll| will|ll|'s| is| are|'re| should) (?:be )?(?:posted|mailed|sent out|with you|there|in the post) (?:in|within|by|next)\b|(?:letter|cheque|check|card|refund|replacement|pin|certificate|documents?|paperwork|reader|terminal|device|form)\b[^.?!]{0,40}?\b(?:will|'ll|ll|should) (?:go out|come (?:to|through)|arrive|reach you)\b|(?:i'll|ill|i will|we'll|we will) post (?:it|one|them|that|this|a|an|the|your|you)\b|\b(?:takes?|taking) (?:up to |about |around )?\p{L}+ (?:to \p{L}+ )?(?:working |business )?days\b|(?:you|he|she|they)(?:'ll| will|ll| should) have (?:it|them|the money|your money|the refund) back (?:in|within|by)\b|(?:should|will) (?:reach|land in|be back in|be with|show (?:up )?in|appear in) (?:you|your [\p{L}]+) (?:in|within|inside|by)|(?:booked|arranged|scheduled|book|arrange) (?:a|an|the|your) (?:\p{L}+ )?(?:visit|appointment|inspection|engineer|assessor|surveyor|technician)|(?:re)?(?:booked|scheduled|arranged) (?:him|her|them|it|the [\p{L}]+) (?:in )?for (?:\p{L}+day|tomorrow|next))/iu;

/** Done, in the simple past or as approved ("I locked the card", "the reimbursement was approved"). */
const DONE_PAST =
  /\b(?:(?:i|we) (?:just |already )?(?:locked|blocked|cancell?ed|stopped|froze|closed|reset|unlocked|updated|refunded|reversed|removed|approved|credited)|(?:was|were|has been|have been|is|are|['\u2019]s) approved)\b/iu;

/**
 * The caller's last words take on the step the request waits for, sending the company something
 * ("I'll post them on Monday.", "The police gave me one, I'll send it over."): a follow-up when
 * nothing else decided it. Not a visit the caller plans ("Lovely, we'll pop in."): after an
 * answer that is the caller's own errand.
 */
const CALLER_STEP =
  /\b(?:i'll|ill|i will|i'm going to|im going to|we'll|we will)\s+(?:(?:just|then|probably|definitely|have to)\s+)?(?:send|post|upload|scan|email|e-mail)\s+(?:it|them|that|those|the\s+[\p{L}-]+|a\s+copy|copies)\b|\b(?:i'll|ill|i will)\s+do\s+(?:it|that|them)\s+(?:tonight|tomorrow|later|this (?:evening|afternoon)|first thing|at the weekend|next week|on \p{L}+day)\b/iu;

/** The agent promises to do it, rather than saying it is done ("I'll note it", "I'm going to pass it on"). */
const PROMISE =
  /^(?:(?:ok(?:ay)?|right|alright|well|so|and|then)[,.]?\s+)*(?:i(?:'ll| will)|ill|i(?:'m| am|m) going to|we(?:'ll| will))\b/iu;

/** A sentence that waits for something ("…once it's through", "when it's approved"): not done yet. */
const WAITS_FOR = /\b(?:once|when|after|until|as soon as|if)\b/iu;

/**
 * A next step in the words the nineteenth round read (summarizer 27): the agent will request,
 * challenge or dispute something with a third party ("I'll request a transfer value from them"),
 * the other side has days to answer, the caller's case is added to a fault or a list, a stopgap
 * "until it's fixed", a text or letter to confirm it ("I'll send you a text confirming it"), a
 * replacement "to follow", a team or its people that will act ("the fraud people will try to
 * recover all three"), something that will go out or "goes out", what the company will have to
 * see first ("We'll have to see your marriage certificate"), a wait in days or weeks ("Usually six
 * to eight weeks"), and something the caller is asked to send with what the agent then does
 * ("Email them to our claims inbox, and I'll attach them").
 */
const LATER_STEP =
  /\b(?:(?:i'll|ill|i will|we'll|we will) (?:request|challenge|dispute|chase up) (?:a|an|the|it|that|this|those|them|your)\b|has (?:\p{L}+ )?(?:working |business )?days to (?:answer|respond|reply|come back)\b|(?:add|put|added) (?:it|yours|you|this|that|your [\p{L}]+) (?:to|on) (?:the|our) (?:[\p{L}-]+ )?(?:fault|case|list|report|investigation)\b|until (?:it's|it is|its|that's|thats|they're|they are) (?:fixed|sorted|repaired|resolved|mended)\b|send you (?:a|an) (?:text|email|e-mail|letter|confirmation)\b|(?:a|the|your) (?:new |replacement )?(?:card|replacement|letter|cheque) to follow\b|(?:team|people|department|desk)(?:'ll| will| should) (?:try to |aim to )?\p{L}+|(?:it|that|this|they|one)(?:'ll| will|ll) go out\b|(?:letter|card|cards|cheque|form|forms|pack|replacement|statement|copy|certificate)\b[^.?!]{0,40}?\bgoes out\b|(?:we'll|we will|i'll|i will) (?:have|need) to (?:see|have|get) (?:your|the|a|an)\b|(?:usually|normally|typically|takes?|taking) (?:up to |about |around )?\p{L}+ (?:to \p{L}+ )?(?:working |business )?(?:days|weeks)\b|^(?:(?:just|so|then)\s+)?(?:send|email|e-mail|post|upload|forward) (?:me|us|them|it|those|the [\p{L}-]+|a copy)\b[^.?!]{0,80}?\b(?:and|then) (?:i'll|ill|i will|we'll|we will)\b)/iu;

/** The agent cannot promise the outcome ("I can't promise it'll come back"): the request is not met, whatever is tried. */
const NO_PROMISE = /\b(?:can't|cant|cannot|can not) (?:promise|guarantee)\b|\bno guarantee\b/iu;

/** The agent ends the call ("I'm ending the call now.", "I won't continue this conversation."). */
const END_CALL =
  /\b(?:(?:i'm|im|i am) (?:going to )?(?:ending|end|terminating|terminate) (?:the|this) call|(?:won't|will not|can't|cannot) continue (?:this|the) (?:conversation|call))\b/iu;

/** Only another channel can do it ("joint accounts can only be opened online or in a branch"). */
const ONLY_ELSEWHERE =
  /\bcan only be (?:\p{L}+ed|done|set up|taken out) (?:online|in (?:a|the|any) branch|in person|by post|in writing|on (?:the|our) (?:website|app))\b/iu;

/** A sarcastic word after a complaint ("So the builder doesn't get paid today. Brilliant."). */
const SARCASTIC_WORD =
  /^(?:oh,? )?(?:brilliant|great|fantastic|marvellous|marvelous|lovely|perfect|wonderful|terrific|super|charming)[.!]*$/iu;
const NEGATED = /\b(?:not|no|never|nothing|\p{L}+n't|cant|wont|doesnt|dont|isnt|didnt)\b/iu;

/** Said as done in a few words by the agent ("It's gone now."). */
const GONE_NOW = /^(?:it'?s|its|that'?s|thats) (?:gone|gone off|off) now[.!]?$/iu;

/**
 * The agent asks the caller to send the company something, told as an instruction at a sentence's
 * start ("Send us the certificate.", "Done. Email us photos of the damage, please.", "Upload it in
 * the app, or send it by post.") or as something that must go to it ("Then it'll need posting to
 * us"): the request waits for it. In the dev sets' agent turns: 29 of 32 such calls follow-ups.
 */
const CALLER_TO_SEND =
  /^(?:(?:so|then|just|and|now|also|okay|ok|right|great|good|lovely|done|thanks|thank you)[,.!]?\s+)*(?:please\s+)?(?:send|email|e-mail|post|upload|forward|scan)\s+(?:us|it|them|that|those|both|over|in|a copy|copies|the|your|a|an|any|his|her|their)\b|\b(?:it|they|that|this|these|those)(?:'ll| will|ll)? (?:need|needs) (?:posting|sending|scanning|uploading) (?:to|in|into|over)\b/iu;

/**
 * A claim (or a trace, a dispute) opened on the call: it goes on after the call whatever is done
 * on it ("The claim's open.", "Claim opened, and a drying company will phone today", "There's a
 * theft claim logged now", "I've started a claim"). In the dev sets' agent turns: 57 of 64 such
 * calls follow-ups. Said with "now" it is still a next step (not IMMEDIATE).
 */
const CLAIM_OPEN =
  /\b(?:claim|trace|dispute)(?:'s| is| has been)? (?:now )?(?:open|opened|logged|started|raised|lodged)\b|\b(?:i've|i have|ive|we've|we have) (?:just )?(?:started|opened|logged|raised|lodged) (?:a|an|the|your) (?:[\p{L}-]+ )?(?:claim|trace)\b/iu;

/**
 * Someone comes out or answers later: an engineer, assessor, surveyor or courier who will come,
 * visit or is booked ("An engineer will swap it tomorrow", "Thursday's when our assessor visits"),
 * a decision or answer that comes by letter or within days ("The answer comes to you by letter",
 * "You'll hear within ten working days"), a letter or form that reaches the caller or goes in the
 * post ("Forms in the post."). In the dev sets' agent turns: 47 of 49 such calls follow-ups.
 */
const COMES_LATER =
  /\b(?:engineer|assessor|surveyor|adjuster|technician|glazier|roofer|plumber|courier)s?(?:(?:'ll| will| is going to| are going to) (?:be there|come|visit|swap|bring|call|phone|ring|be round)|(?:'s| is) (?:booked|coming)| (?:comes|visits) (?:tomorrow|on \p{L}+day|next|this|first thing))\b|\b\p{L}+day's when (?:our|the|an?) \p{L}+ (?:visits|comes|calls)\b|\b(?:answer|decision|outcome|result)\b[^.?!]{0,30}?\b(?:comes?|will come|'ll come|reach(?:es)?|will reach)\b[^.?!]{0,30}?\b(?:by (?:letter|post|email)|within|inside|in writing)\b|\byou(?:'ll| will) (?:hear|have (?:a|the|our) (?:decision|answer))\b[^.?!]{0,30}?\b(?:within|by|inside|in) (?:a |an |the |\p{L}+ )?(?:\p{L}+ )?(?:days?|weeks?|fortnight|months?|\p{L}+day)\b|\b(?:letter|form|pack)\b[^.?!]{0,40}?\b(?:reaches you|goes in (?:today's|the) post|will be there (?:within|by|in))\b|\b(?:forms?|application|pack|paperwork)s? (?:in the post|on (?:its|their) way)\b/iu;

/**
 * Not an instruction or a claim opened: a question ("Your claim is open?", "Forward the old post?"),
 * a stock sign-off ("Email us anytime", "Post us a review"), a claim denied ("No claim is opened by
 * a question like this").
 */
const NOT_A_STEP =
  /\?\s*$|\b(?:any ?time|a review|feedback|whenever)\b|\b(?:no|not|never|isn't|wasn't|won't)\b[^.?!]{0,20}?\bclaim\b/iu;

/** Every outcome pattern, for the summarizer's rules hash (lineage). */
export const OUTCOME_RULES: readonly RegExp[] = [
  FOLLOW_UP,
  NOT_RESOLVED,
  RESOLVED,
  ACKNOWLEDGED,
  NEXT_STEP,
  CANNOT,
  DISSATISFIED,
  WORKS,
  TAKEN,
  DONE_NOW,
  WAITS_FOR,
  NOT_THANKS,
  WITH_TEAM,
  IMMEDIATE,
  CLAUSE_BREAK,
  CALLER_STEP,
  PROMISE,
  LATER_STEP,
  NO_PROMISE,
  END_CALL,
  ONLY_ELSEWHERE,
  SARCASTIC_WORD,
  NEGATED,
  GONE_NOW,
  CALLER_TO_SEND,
  CLAIM_OPEN,
  COMES_LATER,
  NOT_A_STEP,
];

/** Fewer words than this from the caller in the whole call: no outcome is read. */
const MIN_CALLER_WORDS = 4;

/**
 * How the call ended: the last third of the call (at least six turns) is read. `isAction` is the
 * summarizer's test for an agent sentence that reports something done.
 */
export const callOutcome = (
  all: readonly OutcomeSentence[],
  turnCount: number,
  isAction: (s: OutcomeSentence) => boolean,
): CallOutcome | null => {
  // Nothing the caller said was heard (a silent customer channel, a recording of the agent's leg
  // only): the agent's words alone claim no outcome ("that's all sorted for you" to nobody).
  if (!all.some((s) => s.role === 'CUSTOMER')) return null;
  // Nor when the caller said next to nothing ("hello", "yeah", "thanks bye": a recording of a
  // greeting, an IVR and fragments): there was no exchange to end one way or another.
  const callerWords = all
    .filter((s) => s.role === 'CUSTOMER')
    .reduce((n, s) => n + (s.text.match(/\p{L}+(?:['\u2019]\p{L}+)?/gu)?.length ?? 0), 0);
  if (callerWords < MIN_CALLER_WORDS) return null;
  const from = Math.min(Math.floor(turnCount * 0.6), Math.max(0, turnCount - 6));
  const end = all.filter((s) => s.turn >= from);
  const agentEnd = end.filter((s) => s.role === 'AGENT' && !CLOSING.test(s.text));
  const customerEnd = end.filter((s) => s.role === 'CUSTOMER');
  // What is on its way is the request itself unless the agent's turn says something was done
  // ("the card is blocked now … a replacement goes out tonight": the block was the request).
  const doneInTurn = (s: OutcomeSentence) =>
    all.some(
      (t) => t.turn === s.turn && (RESOLVED.test(t.text) || DONE_NOW.test(t.text) || DONE_PAST.test(t.text)),
    );
  const nextStep = (s: OutcomeSentence, text: string) =>
    (FOLLOW_UP.test(text) ||
      NEXT_STEP.test(text) ||
      COMES_LATER.test(text) ||
      LATER_STEP.test(text) ||
      (ON_ITS_WAY.test(text) && !doneInTurn(s))) &&
    !IMMEDIATE.test(text);
  // A hand-off in one clause stands though another is done now ("an engineer will ring you to
  // book a look and I'll text the claim number now").
  const handOff = (s: OutcomeSentence) =>
    WITH_TEAM.test(s.text) ||
    ((CLAIM_OPEN.test(s.text) || CALLER_TO_SEND.test(s.text)) && !NOT_A_STEP.test(s.text)) ||
    nextStep(s, s.text) ||
    s.text.split(CLAUSE_BREAK).some((c) => nextStep(s, c));
  const refusal = (s: OutcomeSentence) =>
    NOT_RESOLVED.test(s.text) || CANNOT.test(s.text) || ONLY_ELSEWHERE.test(s.text);
  const said = end.filter((s) => !CLOSING.test(s.text));
  const question = (s: OutcomeSentence) => /\?\s*$/u.test(s.text);
  // The caller's reaction to the agent's last word: what they said after the agent's last
  // statement, or (when the agent spoke last) their turn just before it, never the opening request.
  const firstCustomerTurn = all.find((s) => s.role === 'CUSTOMER')?.turn ?? -1;
  const lastStatement = said.findLastIndex((s) => s.role === 'AGENT' && !question(s));
  const after = said.slice(lastStatement + 1).filter((s) => s.role === 'CUSTOMER');
  const before = said
    .slice(0, Math.max(0, lastStatement))
    .filter((s) => s.role === 'CUSTOMER')
    .at(-1);
  // The caller's consecutive turns up to the agent's last word are one reaction ("I've rung four
  // times. I'm not signing anything else." "I'll ring every hour…"), never the opening request.
  // Read from all the end's sentences: "I'm not signing anything else." is no closing.
  const runStart = (at: number): number => {
    let k = at;
    while (k > 0 && end[k - 1]!.role === 'CUSTOMER' && end[k - 1]!.turn !== firstCustomerTurn) k -= 1;
    return k;
  };
  const reaction =
    after.length > 0
      ? after
      : before !== undefined && before.turn !== firstCustomerTurn
        ? end.slice(runStart(end.indexOf(before)), end.indexOf(before) + 1)
        : [];
  // The caller ends dissatisfied: not resolved, whatever was promised (a grumble after the agent
  // did it, with nothing refused, leaves it done).
  const done = (s: OutcomeSentence) =>
    s.role === 'AGENT' && (RESOLVED.test(s.text) || DONE_NOW.test(s.text) || isAction(s));
  // Done means done by now: a promise ("I'll note your phone model") leaves the grumble standing.
  const doneBy = (s: OutcomeSentence) => done(s) && !PROMISE.test(s.text);
  // "So the builder doesn't get paid today. Brilliant.": a word of praise after a complaint is sarcasm.
  const sarcastic = (s: OutcomeSentence, k: number) =>
    SARCASTIC_WORD.test(s.text) &&
    k > 0 &&
    reaction[k - 1]!.turn === s.turn &&
    NEGATED.test(reaction[k - 1]!.text) &&
    !question(reaction[k - 1]!);
  if (
    reaction.some((s, k) => NOT_RESOLVED.test(s.text) || DISSATISFIED.test(s.text) || sarcastic(s, k)) &&
    !(agentEnd.some(doneBy) && !agentEnd.some(refusal))
  )
    return 'not_resolved';
  // A refusal is not resolved unless the request is handed on with it or after it.
  const refused = agentEnd.findIndex(refusal);
  const handedOff = agentEnd.findIndex(handOff);
  // "I'll ask the other bank to freeze what's left, but I can't promise it'll come back": what is
  // tried is no promise of what was asked.
  if (agentEnd.some((s) => NO_PROMISE.test(s.text))) return 'not_resolved';
  // The agent ends the call with the request refused or still to be handed on (a threat, abuse):
  // nothing will follow on this call's account.
  if (agentEnd.some((s) => END_CALL.test(s.text)) && (refused >= 0 || handedOff >= 0)) return 'not_resolved';
  if (refused >= 0) {
    const after =
      agentEnd.slice(refused).some(handOff) ||
      agentEnd.some((s) => s.turn === agentEnd[refused]!.turn && handOff(s));
    if (after) return 'follow_up';
    // "Unfortunately casinos code those as cash advances. I've refunded the fee as a courtesy.":
    // what the agent did after the refusal stands.
    // After the last refusal: "I'll cancel your card now. … I can't promise either will come back."
    // ends on what cannot be done.
    const lastRefused = agentEnd.findLastIndex(refusal);
    return agentEnd.slice(lastRefused + 1).some((s) => done(s) && !refusal(s)) ? 'resolved' : 'not_resolved';
  }
  // A step asked of the caller and taken on the call ("Upload the invoice and we'll pay it." "I did
  // that this morning." "It's approved and the payment's been sent."): the agent's last word, done
  // and waiting for nothing, closes it.
  if (handedOff >= 0) {
    const lastTurn = lastStatement >= 0 ? said[lastStatement]!.turn : -1;
    const closedOnCall =
      said[lastStatement]?.role === 'AGENT' &&
      agentEnd.filter(handOff).every((s) => s.turn < lastTurn) &&
      agentEnd.some(
        (s) =>
          s.turn === lastTurn &&
          !PROMISE.test(s.text) &&
          !WAITS_FOR.test(s.text) &&
          (RESOLVED.test(s.text) || DONE_NOW.test(s.text) || DONE_PAST.test(s.text)),
      );
    // The caller's last words say the fix works ("got it yeah im back in"): the step handed over
    // (a code texted, a link emailed) was taken on the call.
    const worksNow = after.length > 0 && after.some((s) => WORKS.test(s.text));
    if (!closedOnCall && !worksNow) return 'follow_up';
  }
  if (customerEnd.length > 0 && CALLER_STEP.test(customerEnd.at(-1)!.text)) return 'follow_up';
  if (
    end.some(
      (s) =>
        RESOLVED.test(s.text) || (s.role === 'AGENT' && (DONE_NOW.test(s.text) || GONE_NOW.test(s.text))),
    )
  )
    return 'resolved';
  if (all.some((s) => s.role === 'AGENT' && RESOLVED.test(s.text))) return 'resolved';
  // The agent reported doing something and nothing is pending or refused: done.
  if (end.some((s) => isAction(s))) return 'resolved';
  // The caller's last words take the answer, accept the offer, or say the fix works.
  const lastCustomer = customerEnd.at(-1);
  if (
    lastCustomer !== undefined &&
    (ACKNOWLEDGED.test(lastCustomer.text) ||
      WORKS.test(lastCustomer.text) ||
      (TAKEN.test(lastCustomer.text) && !NOT_THANKS.test(lastCustomer.text)))
  )
    return 'resolved';
  if (customerEnd.some((s) => WORKS.test(s.text))) return 'resolved';
  // The agent answered (a statement, not a question or a hold) and the caller's reply, if any,
  // neither asks again nor complains: nothing was refused or left pending, the caller got the answer.
  const lastAgent = said.filter((s) => s.role === 'AGENT').at(-1);
  if (
    lastAgent !== undefined &&
    lastStatement >= 0 &&
    said[lastStatement] === lastAgent &&
    !HOLDING.test(lastAgent.text) &&
    lastAgent.text.split(/\s+/u).length >= 4 &&
    after.every((s) => !question(s))
  )
    return 'resolved';
  return null;
};
