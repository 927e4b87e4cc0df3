/**
 * How a call is built, read from its words: the greetings and identity checks said on every
 * call, the small talk around the request, and the words a caller states the request with.
 * Shared by the topic model (which turns weigh most) and the extractive summarizer (which
 * sentence is the reason for the call).
 */

/** Greetings, identification and small talk: said on every call, they tell nothing about this one. */
export const FILLER =
  /^(?:hi|hello|hey|yes|yeah|yep|no|nope|ok(?:ay)?|sure|right|thanks?(?: you)?|thank you(?: so much| very much)?|great|perfect|alright|good (?:morning|afternoon|evening)|bye|goodbye)\b[\s,.!?]*$|\b(?:my name is|date of birth|social security|account number is|zip code|last four|spell (?:that|it))\b/iu;

/** Asides that are never the reason for a call. */
export const SMALL_TALK =
  /\b(?:hold on|hang on|one (?:second|sec|moment)|someone(?:'s| is) at the door|(?:my|the) (?:dog|kid|kids|baby) (?:is|are)|can you hear me|you're breaking up|how (?:are|r) (?:you|ya)|how (?:you|ya) doin[g']?|how(?:'s| is|s) (?:it going|your|things|life)|how have you been|how was your|how about (?:you|yourself)|happy (?:friday|monday|holidays|new year)|any plans|congratulations|sorry for your loss|lovely day|nice day|weather|raining|snowing|the game|vacation|by the way|sorry about that|bear with me|i'm driving|jet lag|(?:it's|its|is it) (?:so )?(?:cold|hot|freezing|pouring)|long week|my boss|how was your|good weekend|the kids|recital|the traffic)\b/iu;

/** Words a caller states a request with ("I'm calling about", "I need", "can you", question forms). */
export const REQUEST =
  /\b(?:i(?:'m| am)? calling|calling (?:about|because|to|regarding)|the (?:real |main )?reason (?:i'm|i am|im|for)|i (?:want|wanna|need|gotta|would like|wanted|was wondering|'ve been|have been|have a (?:question|problem|concern)|noticed|saw|can't|cannot|cant|lost|moved|received|tried|got|think|just)|i'?d like|i'?m (?:trying|having|not able|unable|getting|looking|thinking)|(?:can|could) (?:you|i)|how (?:do|can|would|much) i|why (?:is|was|did|am|are|do|does)|what(?:'?s| is| are)|is (?:it|there|my)|do you|there(?:'?s| is| are) (?:a|an|some|this|these)|my [\p{L}\d]+ (?:is|was|has|got|won't|wont|isn't|isnt|doesn't|doesnt|didn't|didnt|keeps|stopped|says))\b/iu;

/** A sentence in small-talk words stays a request when it has request words and at least this topicality. */
export const SMALL_TALK_MAX_TOPICALITY = 0.5;

/**
 * A sentence of small talk: an aside, unless it also states a request about a topic
 * (`topicality`: 1 - P(background)): "we were on vacation and there's a cash advance fee on my
 * card" is a request, "how's your Monday going?" is not.
 */
export const isSmallTalk = (sentence: string, topicality: (text: string) => number): boolean =>
  SMALL_TALK.test(sentence) && !(REQUEST.test(sentence) && topicality(sentence) >= SMALL_TALK_MAX_TOPICALITY);

/**
 * Someone a caller rings for ("I'm ringing for my business partner", "calling for my dad"): who
 * they act for, not why they rang.
 */
const PERSON_ACTED_FOR = String.raw`(?:(?:business|civil)\s+)?(?:partner|husband|hubby|wife|dad|father|mum|mam|mom|mother|son|daughter|brother|sister|gran|granny|grandma|grandad|granddad|grandfather|grandmother|nan|nana|aunt|auntie|uncle|neighbour|neighbor|friend|boss|client|employer|colleague|fianc[eé]e?|parents?|in-laws?|(?:father|mother|son|daughter|brother|sister)-in-law|stepdad|stepmum|stepmom)`;

/**
 * The caller says outright that this is why they called ("the reason I'm calling", "I'm calling
 * about"); not "I'm calling for my husband" (PERSON_ACTED_FOR), which says for whom.
 */
export const STATED_REASON = new RegExp(
  String.raw`\b(?:(?:the|my) (?:real |main )?reason (?:i'm|i am|im|i'm calling|for (?:my|the|this) call|for calling|for ringing|i (?:rang|called|phoned|call|ring))|(?:^|anyway |so )reason (?:i (?:rang|called|phoned|call|ring)|i'm calling|im calling|for (?:the|my) call)|why (?:i'm|i am|im) (?:calling|ringing)|(?:i'm|i am|im) (?:calling|ringing) (?:about|because|to|regarding|for(?!\s+(?:my|me|our)\s+(?:(?:elderly|late|old|poor)\s+)?${PERSON_ACTED_FOR}\b)|since)|(?:i'm|i am|im) (?:actually )?(?:calling|ringing) (?:you )?(?:today )?(?:about|because|to))\b`,
  'iu',
);

/** The agent's closing lines. */
export const CLOSING =
  /\b(?:anything else|thank(?:s| you) for (?:calling|your patience|holding|choosing|being)|have a (?:great|good|nice|wonderful) (?:day|evening|afternoon|weekend|one)|you're welcome|my pleasure|take care|bye|goodbye|is there anything)\b/iu;

/**
 * The agent's script around the request: identity checks, holds and contact-detail checks said
 * on every call ("can I have your date of birth", "is this still the best number").
 */
export const AGENT_SCRIPT =
  /\b(?:(?:date of birth|last four|zip code|full name|social security|security question)\b|(?:verify|confirm) (?:your|the|a few|some)\b|(?:you're|you are|youre) (?:all )?verified|(?:best|good) (?:phone )?(?:number|email|way)\b|\b(?:have )?on (?:file|record)\b|still (?:the best|current|at the same)|(?:put|place) you on (?:a )?(?:brief |quick )?hold|thank(?:s| you) for (?:holding|waiting|your patience)|bear with me|(?:one|just a) (?:moment|second|sec)|let me (?:pull|bring|look) (?:up|that up|into)|the system is)/iu;

/**
 * Who the caller is, as an agent asks it: their name, date of birth, postcode, the phone number,
 * email or address on file, a security answer, the last digits of an account ("can I take the
 * first line of your address", "what's the best phone number for you", "let me check who I'm
 * talking to", "what's the postcode on the policy"). Not "the new number":
 * asking for what the caller wants changed is about the call's topic.
 */
const IDENTITY_FIELD =
  /\b(?:your (?:full |first |last |sur|middle )?name|(?:the )?name on the (?:account|card|policy)|who am i (?:speaking|talking) (?:to|with)|who (?:i'm|i am|im) (?:speaking|talking) (?:to|with)|(?:post ?code|zip(?: code)?|address|date of birth) (?:on|for) the (?:policy|account|card)|date of birth|birth ?date|your (?:post ?code|zip(?: code)?|(?:home |registered )?address|email(?: address)?|birthday)|(?:best|good|contact|your|a) (?:phone |mobile |cell |telephone |contact )?number (?:for you|to (?:reach|call|contact) you|on file)|your (?:phone|mobile|cell|telephone|contact) number|(?:number|email|address|details|phone number) (?:we have |i have )?on (?:file|record|the account)|first line of (?:your|the) address|security (?:question|answer|word|check|details|phrase)|memorable (?:word|information|date|answer)|maiden name|last (?:four|4|few) (?:digits|numbers)|social security|your (?:account|member(?:ship)?|customer|policy|card) number)\b/iu;

/** The agent asks ("can I take…", "what's…", "could you confirm…", "?"). */
const AGENT_ASKS =
  /\?|\b(?:(?:can|could|may) (?:i|you|we) (?:just |also |please |first |quickly )*(?:have|take|get|grab|start|confirm|verify|give|tell|go|check|ask|please)|what(?:'s| is| was| are)|please (?:confirm|verify|give|tell|spell)|(?:confirm|verify|tell me|spell)\b|who am i)/iu;

/** A sentence about details being changed or sent ("the new address", "I'll send it to your email"). */
const CHANGED_DETAILS = /\b(?:new|old|current|updated?|chang(?:e|ed|ing)|send|sent|post(?:ed)?|put)\b/iu;

/**
 * The agent checks who is calling: a sentence asking for identity fields. Said on every call, it tells
 * nothing about this one, however much "phone number" sounds like a change of contact details.
 */
export const isIdentityCheck = (text: string): boolean =>
  text
    .split(/(?<=[.!?])\s+/u)
    .some((s) => IDENTITY_FIELD.test(s) && AGENT_ASKS.test(s) && !CHANGED_DETAILS.test(s));

/**
 * The agent invites the request ("How can I help?", "What's going on?", "Go ahead."). When the
 * invitation comes after some chat, what the caller said before it was not the request.
 */
export const INVITATION =
  /\b(?:how (?:can|may|could|might) (?:i|we) (?:help|assist|be of)|what can (?:i|we) (?:do|help|look at|look into)|what(?:'s| is) needed|what(?:'s| has) happened|what (?:do|did) you need|what(?:'s| is| seems to be) (?:going on|up|the (?:problem|trouble|issue))|what brings you|what are you calling)\b|(?:^|[.!?]\s+)go ahead[.!]?\s*$/iu;

/**
 * The caller adds a second matter ("Also, …", "Oh, and I've moved…", "And while I've got you, …",
 * "One more thing: …"): said after the request, it is not the request.
 */
export const ADDITION =
  /^(?:(?:oh|and|so|um+|uh+|yeah|ok(?:ay)?|right|actually|plus)[,.]?\s+)*(?:also\b|oh,? and\b|and (?:also|another thing|one more thing)\b|while (?:i(?:'ve| have|ve)(?: got)? you|i(?:'m| am|m) (?:here|on|at it)|we(?:'re| are) at it)\b|one (?:more|other|last) thing\b|another thing\b|the other thing\b|second(?:ly)?\b|on (?:a|another) (?:separate|different) (?:note|matter)\b)/iu;

/** The caller turns back to business after an aside ("yeah well anyway, …", "anyhow, …"). */
export const BACK_TO_BUSINESS =
  /^(?:(?:yeah|yes|ok(?:ay)?|well|so|um+|uh+|right|alright)[,.]?\s+)*any(?:way|ways|how)\b/iu;

/**
 * The caller marks what comes next as what they rang about, after a few small questions ("Now the
 * real thing.", "Okay, the actual thing.", "Right, the real reason.", "On to the main business."). Not
 * "My main business." or "The main business." alone: with no word before or after, that names a
 * firm (a sole trader answering "your main business or the second shop?", helper-208).
 */
export const REAL_THING =
  /^(?!(?:the|my)\s+(?:real|actual|main|proper|big|important)\s+business\s*[.!]*$)(?:(?:now|ok(?:ay)?|right|so|and|well|anyway|but)[,.]?\s+)*(?:(?:on\s+)?to\s+)?(?:the|my)\s+(?:real|actual|main|proper|big|important)\s+(?:thing|reason|business)(?:\s+(?:that\s+)?(?:i(?:'m|’m|\s+am)\s+(?:calling|ringing|phoning)|i(?:'ve|’ve|\s+have)?\s+(?:rang|rung|called|phoned)|(?:am\s+|'m\s+)calling|rang|called|phoned)(?:\s+(?:about|for))?)?(?:,?\s+then|\s+now)?\s*[.:!-]*$/iu;
/**
 * The most the agent says between a marker that ends the caller's turn and the telling ("Go on.",
 * "Sure, what is it?"): the summary and the topic model both read the next turn as marked.
 */
export const MARKER_INVITE_WORDS = 8;

/**
 * The agent's whole turn is a pleased reaction to chat ("Lovely.", "Exciting.", "Glad to hear
 * it."): they heard a story, not a request, so the caller's ask is still to come. Not sympathy
 * ("Oh no.", "What a shame."): that is as often said to the problem itself ("Someone stole my
 * purse." "Oh no."), which is the request.
 */
export const CHAT_REPLY =
  /^(?:(?:oh|ah|aw|ooh|well)[,!.]?\s+)?(?:lovely|exciting|how (?:lovely|exciting|nice|fun)|nice|very nice|glad to hear (?:it|that)|good for you|congratulations|congrats|sounds (?:lovely|fun|nice|great|exciting)|(?:that's|thats|that sounds) (?:lovely|exciting|nice|fun|great)|what a treat)[.!]*$/iu;

/**
 * The agent says the caller has reached the wrong place ("I think you've got the wrong number",
 * "this is a bank, not the pharmacy", "you've come through to an insurer", "I don't think I'm
 * the right person", "that's not one for me"): whatever the caller asked, no topic of ours was
 * taken up in that turn.
 */
export const WRONG_PLACE =
  /\b(?:wrong (?:number|place|line|department|company|people)|(?:dialled|rung|called|phoned|got) (?:us|through to us|this number) by mistake|(?:this|it)(?:'s| is) (?:just )?(?:(?:a|an|the|our) )?(?:bank|insurer|insurance company|credit union|building society|pension provider|customer (?:service )?line|customer services|call centre(?: line)?|business line)\b|(?:you've|you have|youve) (?:reached|rung|come through to|got through to|dialled|called) (?:a|an) (?:bank|insurer|insurance company|credit union|building society|pension provider)\b|(?:not|\w+n't)(?: think)?(?: (?:i'm|i am|im|we're|we are|this is|that's|thats|you've got|you have))?(?: really)? the (?:right|best) (?:person|people|department|team|place|line|number)\b|(?:not|\w+n't) (?:really )?one for (?:me|us)\b|(?:this|the) line is (?:only )?for (?:customers|banking|our customers))/iu;

/**
 * The agent hands the matter to someone who is not customer service: the press office, the
 * recruitment team, head office, the switchboard ("That's one for the press office.", "I've no
 * access to that, the recruitment team will email you"). What the caller asks after it is where
 * to go ("Do you have their number?"), not a topic.
 */
export const REFERRED_AWAY =
  /\b(?:press (?:office|team)|media (?:office|team|enquiries)|recruitment|careers (?:page|team|site)|head office|main switchboard|switchboard|marketing department|(?:no|not got any) access to that|can't help (?:you )?with that)\b/iu;

/** The agent puts the caller through to someone else ("I'll put you through to the claims team", "let me transfer you"). */
export const TRANSFER =
  /\b(?:put(?:ting)? you (?:through|across)|transfer(?:ring)? you|connect(?:ing)? you|pass(?:ing)? you (?:over|across|through))\b/iu;

/** The caller asks where to go instead ("Who is?", "who do i ask then", "Do you have their number?"). */
export const WHERE_TO_GO =
  /\b(?:who (?:is|does|do|should|would|can|could|handles|deals)\b|who (?:i|to) (?:should |could )?(?:ask|speak|talk|ring|call|contact|write)\b|where (?:do|should|can|could|would) i\b|(?:their|the right|a|an|any) (?:number|phone number|email|email address|address|contact|details|website)\b)/iu;

/**
 * The caller says they act for someone else ("I look after my mum's affairs", "the power of
 * attorney was registered", "he says I can talk for him"): a turn that says so sets the scene
 * (who may speak), and the agent's invitation after the checks it brings is where the telling starts.
 */
const ACTS_FOR =
  /\b(?:look(?:s|ing)?\s+after\s+(?:my|me|our|his|her|their)\s+(?:[\p{L}'’-]+(?:'s|’s)?\s+)?affairs|power\s+of\s+attorney|(?:says|said)\s+(?:i|you)\s+can\s+(?:talk|speak|deal)\s+(?:to\s+you\s+)?(?:for|with|on)\b)/iu;

/** An invitation counts only among the call's first turns. */
const INVITATION_REACH = 6;

/**
 * Where the customer's request can start: the first agent turn, or, when the agent invites the
 * request after a little chat ("Hi Kat, hope you're keeping warm." "Trying to! How can I help?"),
 * that invitation (an agent asks "how can I help?" before the request is heard, whatever the
 * caller said first, unless they said "the reason I'm calling…"). Indexes into `turns`; -1 when
 * no agent speaks.
 */
export const requestStart = (turns: readonly { role: string; text: string }[]): number => {
  const agent = turns.findIndex((t) => t.role === 'AGENT');
  if (agent < 0) return -1;
  for (let i = agent; i < Math.min(turns.length, INVITATION_REACH); i += 1) {
    const t = turns[i]!;
    if (t.role === 'CUSTOMER') {
      if (STATED_REASON.test(t.text) && !ACTS_FOR.test(t.text)) return agent;
    } else if (i > agent && INVITATION.test(t.text) && !goAheadAfterAsk(turns, i)) return i;
  }
  return agent;
};

/** The caller's own request words ("I wish to arrange…", "I'd like…", "Can you…"). */
const ASKS_OWN =
  /\b(?:i(?:'d|’d| would)? (?:like|love|wish)|i want|i wanna|i need|i(?:'m|’m| am|m) (?:after|looking for|wanting)|(?:can|could|would) you)\b/iu;
/**
 * The caller says they have details to give ("I've got the paperwork here, I'll read it out.", "I
 * have the particulars before me"): not a question before the request ("Can you hear me all
 * right?", "I'd like to check I've come through to the right department", helper-208).
 */
const ANNOUNCES_DETAILS =
  /\b(?:i(?:'ve|’ve|\s+have)(?:\s+got)?|i(?:'ve|’ve)?\s+got)\s+(?:(?:the|my|all\s+(?:the|my)|it|them|everything|some)\b[^.?!]*?\b(?:here|to\s+hand|before\s+me|in\s+front\s+of\s+me|ready|with\s+me|handy)\b)|\bi(?:'ll|’ll|\s+will|\s+shall)\s+(?:read|give|spell|go\s+through)\b|\b(?:shall|can|could|may)\s+i\s+(?:read|give|spell)\b/iu;
/**
 * "Go ahead." after the caller has asked for something and announced details to come ("I wish to
 * arrange the transfer… I have the particulars and shall read them slowly." "Go ahead."): the
 * agent lets them go on, the request was already made (summarizer 43).
 */
const goAheadAfterAsk = (turns: readonly { role: string; text: string }[], i: number): boolean => {
  if (
    !/(?:^|[.!?]\s+)go ahead[.!]?\s*$/iu.test(turns[i]!.text) ||
    /\bhow (?:can|may|could)|what can/iu.test(turns[i]!.text)
  )
    return false;
  const before = turns[i - 1];
  return (
    before !== undefined &&
    before.role === 'CUSTOMER' &&
    ASKS_OWN.test(before.text) &&
    ANNOUNCES_DETAILS.test(before.text) &&
    before.text.split(/\s+/u).length >= 12
  );
};

/** The agent asks for the person they rang by name ("Hello, is that Mrs Pascoe?", "May I speak to Ms Angove?"). */
const ASKS_FOR_CALLEE =
  /\b(?:is\s+that|am\s+i\s+(?:speaking|talking)\s+(?:to|with)|(?:may|can|could)\s+i\s+(?:speak|talk)\s+(?:to|with))\s+(?!(?:right|correct|ok|okay|all|alright|the|a|an|it|you|your|for|with|so|because|what|how|everything|ok)\b)(?:(?:mr|mrs|ms|miss|mx|dr)\.?\s+)?[\p{L}'’-]{2,}/iu;
/** …and says who is ringing ("It's Jowan from Tregony Bank", "I'm calling about…", "returning your message"). */
const SAYS_WHO_RINGS =
  /\b(?:(?:it's|it’s|its|it\s+is|this\s+is|my\s+name's|my\s+name\s+is|i'm|i’m|im)\s+[\p{L}'’-]+\s+(?:from|at|with|calling\s+from|ringing\s+from)\s+\p{L}|(?:i'm|i’m|im|i\s+am|we're|we’re|we\s+are)\s+(?:just\s+)?(?:calling|ringing|phoning)\b|return(?:ing)?\s+(?:your|the)\s+(?:call|message))/iu;

/**
 * The agent saying who they are ("It's Tom from Brackley Insurance, returning your call."), which
 * tells no reason unless it goes on to one ("…, calling about your claim").
 */
export const SELF_INTRODUCTION =
  /^(?:(?:hello|hi|hiya|good\s+(?:morning|afternoon|evening))[,.!]?\s+)?(?:it's|it’s|its|it\s+is|this\s+is|my\s+name's|my\s+name\s+is|i'm|i’m|im)\s+[\p{L}'’-]+\s+(?:from|at|with|calling\s+from|ringing\s+from)\b(?!.*\b(?:about|because|regarding)\b)/iu;

/** A second agent taking a transferred call ("I understand you've been transferred over…", "thanks for holding"). */
const TRANSFERRED =
  /\b(?:transferred|put\s+(?:you\s+)?through|passed\s+(?:you\s+)?(?:over|through|on)|i\s+understand\s+you|thanks?\s+(?:you\s+)?for\s+(?:holding|waiting))/iu;

/**
 * The agent rang the customer (a callback, a fraud check, a returned letter): the first agent turn,
 * said before the caller has told anything, asks for them by name and says who is ringing, and
 * invites no request ("How can I help?"). Its reason is then the agent's.
 */
export const agentRang = (turns: readonly { role: string; text: string }[]): boolean => {
  const first = turns.findIndex((t) => t.role === 'AGENT');
  if (first < 0) return false;
  // Before it, at most a caller's "Hello?" (what a person says picking up the phone).
  const before = turns.slice(0, first).filter((t) => t.role === 'CUSTOMER');
  if (before.length > 1 || before.some((t) => t.text.split(/\s+/u).length > 3)) return false;
  const text = turns[first]!.text;
  return (
    ASKS_FOR_CALLEE.test(text) &&
    SAYS_WHO_RINGS.test(text) &&
    !INVITATION.test(text) &&
    !TRANSFERRED.test(text)
  );
};

/**
 * The agent opens with what the caller's earlier contact was about, read from the record ("I can
 * see you rang us last Thursday about paying your car loan by direct debit.", "I can see from your
 * record that you rang on Monday because…", "I can see you were looking at our cash ISA yesterday").
 */
export const RECALLS_CONTACT =
  /\b(?:i\s+can\s+see|i\s+see|(?:our|my|the|your)\s+(?:notes?|records?|system|screen|file)\s+(?:says?|shows?)|it\s+looks\s+like|looks\s+like)\b[^.?!]*?\byou(?:'ve|’ve|\s+have)?\s+(?:rang|rung|called|phoned|contacted|emailed|messaged|wrote|spoke|asked|were\s+(?:looking|asking|enquiring|in\s+touch|on))\b[^.?!]*?\b(?:about|because|regarding|for(?!\s+(?:the\s+\w+\s+time|ages|a\s+while|\w+\s+(?:minutes|hours|days|weeks|months)))|to\s+(?:ask|say|report|change|set))\b/iu;
/**
 * A bare yes, the whole turn ("Yep.", "Correct.", "Obviously.", "That's right.", "Yes please.",
 * "Yeah, that's right.", "Mm-hm.", "Sure.", "Yes, same again.").
 */
export const BARE_YES =
  /^\s*(?:(?:oh|well|er|erm|um)[,.]?\s+)?(?:(?:(?:yes|yep|yeah|yup|aye)[,.]?\s+)?(?:please|it\s+is|that(?:'s|’s|\s+is)\s+(?:right|it|correct|the\s+one)|(?:the\s+)?same\s+(?:again|thing|one)|exactly|correct|spot\s+on|still|that\s+again)|yes|yep|yeah|yup|aye|correct|obviously|indeed|exactly|definitely|certainly|sure|mm+[-\s]?hm+|uh[-\s]?huh|it\s+is|that(?:'s|’s|\s+is)\s+(?:right|it|correct|the\s+one))\s*[.!]*\s*$/iu;

/**
 * The agent's closing question points back at what they recalled ("Is it that again?", "Is that
 * still it?", "Is that why you're calling?", "Still the direct debit?", "Is that right?"), not at something else
 * ("Did that all go through okay?", "Are you still at the same address?").
 */
const POINTS_BACK_AT_RECALL =
  /\b(?:again|still|(?:the\s+)?same|(?:that|this|it)\s+why|about\s+(?:that|this|it)|to\s+do\s+with\s+(?:that|this|it)|(?:calling|ringing|phoning)(?:\s+up)?\s+(?:about|for|regarding)|what\s+you(?:'re|’re|\s+are)\s+(?:after|wanting|looking\s+for)|follow(?:ing)?[\s-]+(?:up|on))\b|\b(?:right|correct|true)\s*\?$|^(?:and\s+)?(?:is|was)\s+(?:that|it|this)(?:\s+it)?\s*\?$/iu;
/** Pointing back by "still", "same" or a "right?" tag alone, which a question about anything else has too. */
const POINTS_BACK_WEAKLY =
  /^(?:(?!\b(?:again|why|about\s+(?:that|this|it)|to\s+do\s+with|calling|ringing|phoning|what\s+you|follow(?:ing)?[\s-]+(?:up|on))\b).)*$/iu;
/**
 * A question about the caller, not the recall ("Are you still driving the same car?", "You're
 * with us for the home insurance as well, right?"): "still", "same" or "right?" there points at
 * the caller's life, unless it asks whether they still want it or rang about it (helper-208).
 */
const ASKS_ABOUT_CALLER =
  /^(?:(?:and|so|oh)[,]?\s+)?(?:(?:are|were|do|did|have|has|will|would)\s+you|you(?:'re|’re|\s+are|'ve|’ve|\s+have)?)\b(?!.*\b(?:want(?:ing|s|ed)?|need(?:ing|s|ed)?|after|looking|hoping|trying|rang|rung|called|phoned|emailed|contacted|spoke|asked)\b)/iu;
const ASKS_IDENTITY =
  /\b(?:address|date\s+of\s+birth|birthday|postcode|name|password|passcode|security|pin|number|email|phone)\b/iu;
/** The caller's turns from `at` up to the next turn of anyone else. */
export const callerReply = <T extends { role: string }>(turns: readonly T[], at: number): T[] => {
  const end = turns.findIndex((t, i) => i > at && t.role !== 'CUSTOMER');
  return turns.slice(at, end < 0 ? turns.length : end);
};
/** The agent turn's last sentence. */
const lastSentence = (text: string): string =>
  text
    .trim()
    .split(/(?<=[.?!])\s+/u)
    .pop() ?? '';
/** The question the agent's turn closes on: its last sentence, or the tag after its last comma or dash. */
const closingQuestion = (text: string): string | null => {
  const last = lastSentence(text);
  if (!/\?\s*$/u.test(last)) return null;
  return last.split(/\s*(?:,|—|–|\s-\s)\s*/u).pop() ?? last;
};

/**
 * The agent opens by saying what the caller rang about last time and asking whether it is that
 * again ("… about paying your car loan by direct debit. Is it that again?"), and the caller's
 * answer is a bare yes ("Yep."): the request is the agent's recall, the caller only confirms it.
 * The index of that agent turn in `turns`, or -1. The recall is in the agent's first turn, or in
 * their second after a greeting of its own ("Oundle Bank, Aitor speaking." "Hi." "I can see…").
 * Not when the caller says more than yes, in the same turn or the next before the agent speaks
 * (they tell the request themselves: "Yes, that's it. Nobody rang back.").
 */
export const agentRecalled = (turns: readonly { role: string; text: string }[]): number => {
  let first = turns.findIndex((t) => t.role === 'AGENT');
  if (first < 0) return -1;
  if (!RECALLS_CONTACT.test(turns[first]!.text) && !/\?/u.test(turns[first]!.text)) {
    // a greeting of its own: the recall may come in the agent's next turn
    const next = turns.findIndex((t, i) => i > first && t.role === 'AGENT');
    if (next > first && turns[first]!.text.split(/\s+/u).length <= 10) first = next;
  }
  // Before it, at most a caller's "Hello?".
  const before = turns.slice(0, first).filter((t) => t.role === 'CUSTOMER');
  if (before.length > 1 || before.some((t) => t.text.split(/\s+/u).length > 4)) return -1;
  const text = turns[first]!.text;
  if (!RECALLS_CONTACT.test(text) || TRANSFERRED.test(text)) return -1;
  const question = closingQuestion(text);
  if (question === null || !POINTS_BACK_AT_RECALL.test(question) || ASKS_IDENTITY.test(question)) return -1;
  const last = lastSentence(text);
  if (POINTS_BACK_WEAKLY.test(last) && !RECALLS_CONTACT.test(last) && ASKS_ABOUT_CALLER.test(last)) return -1;
  const answer = turns.findIndex((t, i) => i > first && t.role === 'CUSTOMER');
  if (answer < 0) return -1;
  return callerReply(turns, answer).every((t) => BARE_YES.test(t.text)) ? first : -1;
};
