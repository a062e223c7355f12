/**
 * The language cues the coach reads, in one place. Texts are normalised first (straight
 * apostrophes). Patterns that look for a person's name are case-sensitive on purpose: a
 * capitalised word after "introduce me to" is a name, "the head of design" is not.
 */

/** A person's name: an optional title, then one to three capitalised words. */
export const NAME = String.raw`((?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx)\.?\s)?\p{Lu}[\p{L}'-]*\p{L}(?:\s\p{Lu}[\p{L}'-]*\p{L}){0,2})`;

/** Capitalised words that follow "meet", "ask" … without being a person. */
export const NOT_A_NAME = new Set([
  "I",
  "I'm",
  "I'd",
  "I've",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
  "Zoom",
  "Google",
  "Anyone",
  "Someone",
  "People",
  "The",
  "This",
  "That",
  "Them",
  "Him",
  "Her",
  "You",
  "Your",
]);

/** Asking the introducer for the intro itself: "could you introduce me", "simply CC them". */
export const INTRO_REQUEST = new RegExp(
  [
    String.raw`\bintroduc(?:e|ing)\s+(?:me|us)\b`,
    String.raw`\bintro\s+(?:me|us)\b`,
    String.raw`\bconnect(?:ing)?\s+(?:me|us)\s+(?:with|to)\b`,
    String.raw`\bput(?:ting)?\s+(?:me|us)\s+in\s+touch\b`,
    String.raw`\b(?:forward|pass|share|send)(?:ing)?\s+(?:this|it|my\s+(?:note|details|email|cv|message|blurb|info|profile))\b`,
    String.raw`\bpass\s+(?:this|it|my\s+note)\s+(?:along|on)\b`,
    String.raw`\b(?:simply|just|directly)\s+cc\b`,
    String.raw`\bcc\s+(?:them|her|him)\b`,
    String.raw`\bloop\s+(?:her|him|them)\s+in\b`,
    String.raw`\b(?:blurb|note)\s+(?:below\s+)?(?:you\s+can|to)\s+(?:send|forward|pass)\b`,
    String.raw`\bforwardable\b`,
    String.raw`\bforward\s+away\b`,
  ].join("|"),
  "i",
);

/** Sentences or phrases that speak to the introducer, not to the target. */
export const INTRO_SIGNAL = new RegExp(
  [
    INTRO_REQUEST.source,
    String.raw`\bask\s+(?:(?:her|him|them)\s+)?(?:if|whether)\b`,
    String.raw`\ba\s+(?:\w+\s+)?(?:friend|colleague|contact|former\s+colleague)\s+of\s+(?:yours|your)\b`,
    String.raw`\bcheck\s+(?:with\s+(?:her|him|them)|whether|if)\b`,
    String.raw`\bsee\s+if\s+(?:she|he)\b`,
    String.raw`\b(?:do|would|might)\s+you\s+know\s+(?:anyone|anybody|someone|somebody|any)\b`,
    String.raw`\bif\s+you\s+(?:know|can\s+think\s+of)\s+(?:anyone|anybody|someone|somebody|any)\b`,
    String.raw`\b(?:he|she)(?:'d|\s+would|\s+might)?\s+be\s+(?:open|up\s+for|willing|interested|happy\s+to|available|free)\b`,
    String.raw`\bif\s+(?:he|she|they)(?:'s|\s+is|\s+are|'re|'d|\s+would|\s+might)?(?:\s+be)?\s+(?:up\s+for|open|willing|free|available|interested|happy)\b`,
    String.raw`\bif\s+(?:he|she)\s+has\s+(?:time|a\s+moment|a\s+few)\b`,
    String.raw`\blet\s+me\s+know\s+if\s+(?:she|he)\b`,
    String.raw`\b(?:she|he)\s+seems\b`,
    String.raw`\bask\s+(?:her|him)\b`,
  ].join("|"),
  "i",
);

/** "your friend Maya", "close with Maya", "ask Maya if": a named third person, said to the introducer. */
export const NAMED_RELATION = new RegExp(
  String.raw`(?:\b[Yy]our\s+(?:[\w-]+\s+){0,2}?(?:friend|colleague|manager|boss|mentor|co-?founder|cofounder|classmate|roommate|flatmate|neighbou?r|contact|teammate|partner|brother|sister|cousin|advisor|adviser|professor|supervisor)|\b(?:close|connected|friends|in\s+touch)\s+with|\b[Mm]ention(?:ed|ing)?|\b[Aa]sk|\b[Cc]heck\s+(?:with|whether|if)|\b[Ss]ee\s+if)\s+${NAME}`,
  "gu",
);

/** Phrases that name the target as the one to be introduced to. */
export const TARGET_MENTION = new RegExp(
  String.raw`(?:\b[Ii]ntroduc(?:e|ing)\s+(?:me|us)\s+to|\b[Ii]ntro\s+(?:me\s+|us\s+)?to|\b[Cc]onnect(?:ing)?\s+(?:me|us)\s+(?:with|to)|\b[Pp]ut(?:ting)?\s+(?:me|us)\s+in\s+touch\s+with|\b[Aa]sk|\b[Cc]heck\s+(?:with|whether|if)|\b[Ss]ee\s+if|\b[Yy]our\s+(?:[\w-]+\s+){0,2}?(?:friend|colleague|manager|boss|mentor|co-?founder|cofounder|classmate|roommate|flatmate|neighbou?r|contact|teammate|partner|brother|sister|cousin|advisor|adviser|professor|supervisor)|\b(?:close|connected|friends|in\s+touch)\s+with|\b[Mm]ention(?:ed|ing)?|\b(?:send|forward|pass(?:\s+(?:my\s+note|this|it))?\s+on)\s+to|\b[Mm]eet(?:ing)?|\b[Tt]alk(?:ing)?\s+to|\b[Ss]peak(?:ing)?\s+(?:to|with)|\ban?\s+intro(?:duction)?\s+to|\b[Bb]lurb\s+for|\b[Nn]ote\s+for)\s+${NAME}`,
  "gu",
);

/** "anyone you know at…", "people who…", "forward it to your network": an audience, not a person. */
export const BROADCAST =
  /\b(?:any(?:one|body)|some(?:one|body)|whoever|people|folks|(?:any|some|a\s+few)\s+(?:\w+\s+)?(?:investors|founders|people|folks|contacts|friends|engineers|designers|recruiters|experts|leaders|vcs))\b(?:\s+(?:you\s+know|who|in|at|on|working|that|from|interested|else))?|\byour\s+network\b/i;

/** Pleasantries around an intro request that do not make the note part of the blurb. */
export const FILLER =
  /^(?:thanks?|thank\s+you|thx|cheers|much\s+appreciated|hope\s+(?:you|all|the|your)|many\s+thanks|appreciate\s+it|no\s+worries|no\s+pressure|¡?gracias|merci|danke|obrigad[oa]|as\s+discussed|here(?:'s|\s+is|\s+it\s+is)|below\s+is)/i;

/** Sentences that only make small talk. */
export const SMALL_TALK =
  /\b(?:how\s+are\s+you|how(?:'s|\s+is|\s+are|\s+have)\s+(?:it|things|you\s+been|life|the\s+\w+)\b|hope\s+(?:you|all|the|this|your)|right\?\s*$|isn't\s+it\?|did\s+you\s+(?:have|get)\s+a\s+(?:good|nice|great))/i;

/** Verbs of talking to / learning from someone. */
export const INTERACT = String.raw`(?:chat|talk|speak|meet|connect|hear|learn|ask|know|understand|discuss|find\s+out|get\s+(?:your|his|her|their|some|a|an|any)|pick\s+(?:your|his|her|their)\s+brains?|grab|hop|jump|catch\s+up|buy\s+you|visit|call|compare\s+notes|run\s+(?:something|an\s+idea|a\s+few)|bounce|trade|swap|share|see\s+if|borrow|spend|have\s+(?:a|an|\d+|some|your)|set\s+up|schedule|book)`;

/** "I'd love to…", "would really appreciate…", "Would love to…", "Alex would love to…". */
export const DESIRE = new RegExp(
  String.raw`(?:'d|\bwould)\s+(?:really\s+|very\s+much\s+|greatly\s+|so\s+|also\s+|truly\s+|just\s+|absolutely\s+)*(?:love|like|appreciate|value|welcome|enjoy|be\s+(?:very\s+|really\s+|so\s+|most\s+|extremely\s+|incredibly\s+|hugely\s+)*(?:grateful|thankful|glad|delighted|keen|curious|interested|honou?red))\b|\bwould\s+be\s+(?:great|amazing|wonderful|ideal|fantastic|lovely|perfect|helpful|brilliant|awesome|super\s+helpful)\b|\b(?:i'm|i\s+am|we're|we\s+are)\s+(?:hoping|keen|eager|curious)\b|\bi\s+(?:was|am)\s+hoping\b|\bi\s+hoped\b|\bi\s+wanted\s+to\s+(?:ask|see\s+if|learn|hear|get)\b|\b(?:love|keen)\s+to\s+${INTERACT}`,
  "i",
);

export const INTERACTION = new RegExp(String.raw`\b${INTERACT}\b`, "i");

/** Direct requests and questions that ask the reader for something. */
export const REQUEST_FORM = new RegExp(
  [
    String.raw`\b(?:would|could|can|will|might|may)\s+(?:i|we)\s+(?!also\b)\w+`,
    String.raw`\b(?:would|could|can|will|might)\s+you\s+(?:(?:be|have|share|tell|help|spare|take|give|consider|let|look|review|walk|point|advise|recommend|offer|chat|meet|talk|join|do|hop|jump|find|grab|answer|send|speak)\b)`,
    String.raw`\bwould\s+(?:a|an|it|something|\d+|half|thirty|twenty|fifteen|next|this|that|either|any|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b[^.?!]{0,120}?\b(?:work|suit|be\s+(?:possible|ok|okay|convenient|feasible|an\s+option))\b`,
    String.raw`\b(?:are|were)\s+you\s+(?:free|available|around|open|up\s+for|willing|in\s+town|interested|able)\b`,
    String.raw`\b(?:you|she|he|they|who)(?:'d|\s+would|\s+might|\s+could)?\s+be\s+(?:open|up\s+for|willing|free|available|interested|able|happy\s+to)\b`,
    String.raw`\bdo\s+you\s+have\s+(?:time|a\s+few|any|\d+|some|half)\b`,
    String.raw`\bany\s+chance\b`,
    String.raw`\bfancy\s+a\b`,
    String.raw`\bhow\s+about\s+a\b`,
    String.raw`\bis\s+there\s+(?:a|any)\s+(?:time|chance|way)\b`,
    String.raw`\bplease\s+(?:let|share|tell|send)\b`,
    String.raw`\blet\s+me\s+know\b`,
    String.raw`\blet(?:'s|\s+us)\s+(?:connect|chat|talk|meet|grab|catch\s+up|hop|jump|set\s+up|find|schedule|do|get|have|speak)\b`,
    String.raw`\b(?:any|your)\s+(?:advice|thoughts|feedback|pointers|tips|guidance|input|recommendations|help)\s+(?:would|on|about|is|are)\b`,
    String.raw`\b(?:looking\s+for|seeking|hoping\s+for)\s+(?:your\s+|some\s+|any\s+|a\s+few\s+)?(?:advice|guidance|feedback|input|help|perspective|thoughts|mentorship|speakers|mentors?|advisors?|investors?|partners?|co-?founders?|beta\s+testers|pilot\s+(?:customers|partners)|introductions?)\b`,
    String.raw`\bmy\s+question\s+(?:is|for\s+you)\b`,
    String.raw`\bto\s+ask\s+(?:you\s+|her\s+|him\s+|them\s+)?(?:about|how|why|what|whether|which)\b`,
    String.raw`\b(?:i|we)\s+(?:really\s+|would\s+|also\s+)?need\s+(?:your|the|his|her|their|some|a)\s+(?:\w+\s+)?(?:view|advice|perspective|input|help|guidance|opinion|take|thoughts)\b`,
    String.raw`\b(?:she|he|they|who)(?:'d|\s+would)\s+(?:do|have|take|join|hop)\b`,
  ].join("|"),
  "i",
);

/** "Could you introduce me" is asked of the introducer: these verbs do not make an ask of the target. */
export const INTRO_VERB =
  /\b(?:would|could|can|will|might)\s+you\s+(?:(?:just|simply|please|kindly|possibly|maybe)\s+)?(?:mind\s+|be\s+able\s+to\s+|be\s+willing\s+to\s+)?(?:introduc|intro\b|connect\s+(?:me|us)|forward|pass|share\s+this|send\s+(?:this|it|my)|cc\b|loop|put\s+(?:me|us)|ask\s+(?:her|him|them|\p{Lu})|check|see\s+if)/iu;

/** What an ask is about: "about X", "how you…", "advice on…". */
export const TOPIC = new RegExp(
  [
    String.raw`\b(?:about|regarding|re:|concerning)\s+(?!(?:anything|everything|stuff|things|whatever|what\s+you\s+do|what\s+you're\s+(?:up\s+to|doing)|you\b|your\s+(?:story|journey|experience|career|background|work|life|day)\s*[.!?,]|your\s+(?:story|journey|experience|career|background|work|life)$|it\b|that\b|this\b|life\b|a\s+call\b|the\s+phone\b|a\s+coffee\b|coffee\b))\w`,
    String.raw`\b(?:advice|thoughts|feedback|perspective|views?|take|input|guidance|insights?|questions?|tips|pointers|notes|experiences?|lessons|opinion|help|panel|talk|session|workshop|podcast|episode|article|piece|story|study|paper|survey|report)\s+(?:on|around|with|for)\s+(?!(?:a\s+call|zoom|the\s+phone|video|your\s+(?:calendar|schedule))\b)\w`,
    String.raw`\b(?:how|why|whether|which|where)\s+\w+`,
    String.raw`\bwhat\s+(?!you\s+do\b|you're\s+(?:up\s+to|doing)\b)\w+`,
    String.raw`\b(?:two|three|a\s+few|some|\d+)\s+(?:things|questions)\b`,
    String.raw`\bto\s+(?:discuss|understand|figure\s+out|work\s+out|decide|choose|compare|review)\b`,
    String.raw`\b(?:review|look\s+(?:at|over)|read|comment\s+on|critique|proofread|sanity-check)\s+(?:our|my|the|a|an)\s+\w+`,
    String.raw`\b(?:trade-?offs?|the\s+switch|that\s+(?:trade-?off|switch|move|transition|decision|migration|choice|problem|question))\b`,
  ].join("|"),
  "i",
);

/** Asks that by themselves carry no topic. */
export const VAGUE_PHRASE =
  /\b(?:pick\s+(?:your|his|her)\s+brains?|grab\s+(?:a\s+)?(?:virtual\s+)?coffee|connect\b|get\s+to\s+know|catch\s+up|touch\s+base|network\b|learn\s+from\s+you|hear\s+your\s+story|get\s+your\s+thoughts|say\s+hi)/i;

/** A proposed format of meeting. */
export const FORMAT = new RegExp(
  [
    String.raw`\bcalls?\b`,
    String.raw`\bzoom\b`,
    String.raw`\bgoogle\s+meet\b`,
    String.raw`\bby\s+phone\b`,
    String.raw`\bon\s+the\s+phone\b`,
    String.raw`\b(?:meet|meeting|meet\s+up)\b`,
    String.raw`\b(?:coffee|tea|lunch|breakfast|dinner|drinks?|fika|beer)\b`,
    String.raw`\bvisit\b`,
    String.raw`\b(?:a|an)\s+(?:(?:quick|short|brief|virtual|informal|casual|proper|\d+[- ]?min(?:ute)?s?)\s+)*(?:chat|conversation|catch-?up|hangout)\b`,
    String.raw`\b(?:\d+|a\s+few|few|a\s+couple\s+of|half\s+an|an|one|ten|fifteen|twenty|twenty-five|thirty|forty-five|sixty)[- ]?(?:min|mins|minutes?|hours?|hr)\b(?=\s*(?:\(|call|chat|coffee|fika|meeting|conversation|zoom|video|phone|slot|session|catch|of\s+your\s+time|to\b|for\b|on\b|by\b|with\b|at\b|in\b|this\b|next\b|sometime\b|[?.!,;]|$))`,
    String.raw`\bhalf\s+an\s+hour\b`,
    String.raw`\b(?:calendly|cal\.com|savvycal|tidycal|zcal)\b`,
    String.raw`\bcalendar\s+(?:link|invite)\b`,
    String.raw`\b(?:send|answer|reply\s+to)\s+(?:you\s+)?(?:a\s+few|some|two|three|\d+|my|these|the|a\s+couple\s+of|a\s+short\s+list\s+of)\s+(?:\w+\s+)?questions\b`,
    String.raw`\bquestions\s+(?:by|over|via)\s+e-?mail\b`,
  ].join("|"),
  "i",
);

/** Words that make a sentence a proposal rather than a story about the past. */
export const PROPOSAL =
  /\?|\b(?:happy|glad|able|willing|keen)\s+to\b|\bopen\s+to\b|\bfree\b|\bavailable\b|\bwould\b|\bcould\b|\bcan\b|\bmight\b|\bshall\b|\blet\s+me\s+know\b|\blet's\b|\bhow\s+about\b|\bfancy\b|\bany\s+chance\b|'d\b|\bwill\b|\bmaybe\b|\bperhaps\b|\bif\s+you\b|\bsuits?\b|\bworks?\s+for\b/i;

/** Sentences that talk about when people are free. */
export const AVAILABILITY =
  /\b(?:free|available|availability|works?\s+(?:for|best|well)|suits?|easiest|best\s+for\s+(?:me|you)|in\s+town|around|calendar|schedule|any\s+(?:day|time|morning|afternoon|evening|weekday)|evenings?|mornings?|afternoons?)\b/i;

/** Day or window words that chrono-node does not read on their own. */
export const WINDOW =
  /\b(?:(?:this|next|coming|following)\s+(?:week|month|weekend|few\s+(?:days|weeks)|couple\s+of\s+weeks)|in\s+the\s+(?:coming|next)\s+(?:[\w-]+\s+){0,3}?(?:days|weeks|months)|(?:mornings?|afternoons?|evenings?|weekdays?|weekends?|lunchtime|after\s+work|after\s+school|before\s+work)|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\s+\d{1,2}\b|\b\d{1,2}(?::\d{2})?\s?(?:am|pm)\b|tomorrow|today|tonight|(?:early|mid|late|end\s+of)\s+(?:next\s+)?(?:week|month|january|february|march|april|may|june|july|august|september|october|november|december))\b/i;

/** Chrono matches that are durations or too vague to be a window. */
export const NOT_A_WINDOW =
  /^(?:\d+|a|an|one|two|three|four|five|six|ten|fifteen|twenty|thirty|few)\s*-?\s*(?:min|mins|minutes?|hours?|h|hrs?|days?|weeks?|months?|years?)$|^(?:now|one\s+day|a\s+day|the\s+day)$/i;

export const PAST_WORDS =
  /\b(?:last|ago|yesterday|previous|previously|earlier|recently|used\s+to)\b/i;

/** Links to scheduling pages: they give both a time and a choice. */
const SCHEDULING_LINK_RE =
  /\b(?:calendly|cal\.com|savvycal\.com|tidycal\.com|zcal\.co|calendar\.app\.google|meetings\.hubspot\.com)\b/i;
export const SCHEDULING_LINK = {
  /** A cheap look for the few words every such link contains, then the real pattern. */
  test(text: string): boolean {
    const t = text.toLowerCase();
    if (!t.includes("cal") && !t.includes("meetings.hubspot")) return false;
    return SCHEDULING_LINK_RE.test(text);
  },
};

/** An alternative to the proposed next step. */
export const FLEXIBILITY = new RegExp(
  [
    // "or a phone call", "or just get comments by email", "or voice notes"
    String.raw`\bor\s+(?:[\w']+\s+){0,5}?(?:call|phone|zoom|video|coffee|e-?mails?|chat|meet|meeting|lunch|visit|in\s+person|in\s+writing|writing|async|loom|voice|text|message|comments|notes|questions|another|other|a\s+different|later|instead|whatever|anything)\b`,
    String.raw`\b(?:whatever|whichever|whenever|any\s?time|anytime|any\s+day|any\s+format|anything|any\s+other)\b[^.?!]{0,40}\b(?:works?|suits?|(?:you|he|she|they)\s+(?:would\s+|'d\s+)?(?:prefers?|likes?)|is\s+(?:most\s+|more\s+)?(?:easiest|easier|best|better|convenient|simpler)|fits?)\b`,
    String.raw`\b(?:happy|glad|able|willing|can|could)\s+(?:to\s+)?(?:\w+\s+)?(?:work\s+around|fit\b|adapt|adjust|accommodate|flex|move\s+it|go\s+with|do\s+whatever|come\s+to\s+you|travel|meet\s+wherever|make\s+\w+(?:\s+\w+)?\s+work)`,
    String.raw`\baround\s+(?:your|their|his|her)\s+(?:schedule|calendar|diary|availability|time\s*zone|timezone)\b`,
    String.raw`\bflexib(?:le|ility)\b`,
    String.raw`\b(?:alternatively|otherwise)\b`,
    String.raw`\bif\s+not\b`,
    String.raw`\bif\s+(?:that|this|it|those|these|the\s+time|the\s+date|\w+day)(?:'s|\s+is|\s+are)?\s+(?:doesn't|does\s+not|don't|do\s+not|won't|isn't|is\s+not|aren't)\s+(?:work|suit|good)`,
    String.raw`\bif\s+(?:that's|that\s+is|it's|it\s+is|that\s+would\s+be|it\s+would\s+be)\s+(?:easier|simpler|better|more\s+convenient|quicker)\b`,
    String.raw`\b(?:can|could)\s+also\s+(?:do|meet|send|hop|chat|call|jump|talk|answer|travel|come)\b`,
    String.raw`\bor\s+if\s+(?:you'd|you\s+would|it's|it\s+is|you|async|email)\b`,
    String.raw`\b(?:you|your)\s+(?:pick|choose|call)\b`,
    String.raw`\bpick\s+(?:any|a)\s+(?:slot|time)\b`,
    String.raw`\bup\s+to\s+you\b`,
    String.raw`\bif\s+(?:e-?mail|async|a\s+call|writing|a\s+written\s+exchange|phone|another\s+\w+|an?\s+\w+)\s+(?:is|suits|works)\b`,
    String.raw`\binstead\b`,
    String.raw`\b(?:another|other|a\s+different)\s+(?:day|time|date|slot)s?\b`,
    String.raw`\b(?:e-?mail|async|that)\s+(?:is\s+fine|works)\s+too\b`,
    String.raw`\bwould\s+be\s+(?:just\s+as\s+)?(?:welcome|fine|great)\s+too\b`,
    String.raw`\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|evening|weekday)s?\b[^.?!]{0,25}\b(?:or|and)\b[^.?!]{0,12}\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|evening|weekday)s?\b`,
    String.raw`\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+or\b`,
    String.raw`\bbetween\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)?\s+and\s+\d`,
    String.raw`\bany\s+(?:morning|afternoon|evening|weekday|day|time)\b`,
    String.raw`\bmost\s+(?:mornings|afternoons|evenings|days)\b`,
  ].join("|"),
  "i",
);

/** The requester saying who they are. */
export const ABOUT_ME = new RegExp(
  [
    String.raw`^(?:a\s+(?:little|bit|few\s+words)\s+)?about\s+me\b`,
    String.raw`\b(?:i'm|i\s+am|im)\s+(?:a|an|the)\s+(?!(?:big|huge|long-?time|great|massive|real|little|bit)\b)\w`,
    String.raw`\b(?:i'm|i\s+am|im)\s+(?:currently|now|based|from|working|building|running|leading|studying|finishing|starting|launching|opening|applying|job[- ]hunting|looking\s+for\s+(?:a|my|an)\s+(?:new\s+|first\s+|next\s+)?(?:job|role|position)|in\s+(?:my|the)\s+(?:first|second|third|fourth|final|last)|part\s+of|one\s+of|transitioning|moving|switching|pivoting|raising|hiring|teaching|researching|writing\s+(?:a|my)|designing|developing|organi[sz]ing|putting\s+together|co-?founding|founding|retraining|volunteering|preparing|about\s+to|weighing|debating|deciding|trying\s+to\s+(?:decide|figure|choose|work\s+out|plan|build|hire|design|get|move|break|raise|launch|grow|set\s+up)|thinking\s+about\s+(?:going|moving|switching|leaving|starting|joining))\b`,
    String.raw`\bi\s+(?:work|worked|study|studied|run|ran|lead|led|manage|managed|build|built|founded|co-?founded|started|launched|graduated|teach|taught|research|spent|joined|left|moved|write|design|designed|shipped|grew|own|organi[sz]e|volunteer|volunteered|coach|advise|grew\s+up|recently|just\s+(?:finished|started|joined|graduated|launched|moved|left))\b`,
    String.raw`\bi(?:'ve|\s+have)\s+(?:been\s+(?!(?:following|reading|studying|watching|listening|admiring|a\s+(?:big\s+|huge\s+|long-?time\s+)?fan|thinking|wondering|meaning|hoping|trying\s+to\s+(?:reach|get\s+in\s+touch)|so|really|lucky)\b)\w|spent|worked|built|run|led|done|started|grown|taught|written|shipped|raised|hired|managed|founded|launched|a\s+background|\d+|over\s+\d|(?:two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)\s+years)`,
    String.raw`\bmy\s+(?:name\s+is|background|startup|company|team|research|thesis|role|job|career|experience|project|app|product|lab|business|shop|studio|firm|agency|department|co-?founder|master's|masters|phd|degree|students|clients|customers|users|school|practice|clinic|restaurant|bakery|bar|kitchen|book|novel|podcast|newsletter|day\s+job)\b`,
    String.raw`\b(?:we're|we\s+are)\s+(?:a|an|the|about\s+to|based|\w+ing)\b`,
    String.raw`\bwe\s+(?:just\s+|recently\s+|have\s+|'ve\s+)?(?:closed|launched|raised|hired|built|started|opened|signed|shipped|hit|reached|grew|founded|run|make|sell|help|serve)\b`,
    String.raw`^(?:previously|formerly|former|ex-|currently|founder|co-?founder|recent\s+grad|graduate|student|engineer|designer|pm\b|head\s+of|lead\b|director|manager|phd|master's|bachelor|b\.?sc|m\.?sc|mba)`,
  ].join("|"),
  "i",
);

/** Nouns for someone's own work, which identify them by themselves ("your podcast"). */
const ARTIFACT = String.raw`(?:(?:talk|keynote|presentation|post|article|essay|write-?up|book|podcast|episode|paper|report|newsletter|thread|blog|course|lecture|panel|interview|case\s+study|channel|video|series|dataset|library|framework|app|startup|company|fund|programme|program|album|show|column|tweet|piece|thesis|project|tool|product|campaign|exhibition|film|documentary|speech|guide|playbook|study)s?|research|open-source\s+\w+|work\s+on)`;
/** Nouns that only identify someone with a complement ("your time at SpaceX", not "your time"). */
const BACKGROUND = `(?:time|work|years?|days|tenure|stint|role|experiences?|career|journey|move|path|transition|background|team|jump|switch|decision|history|expertise|success|leadership)`;
const COMPLEMENT = String.raw`(?:at|with|in|on|from|for|as|of|building|leading|scaling|running|setting|founding|growing|launching|designing|managing|moving|starting|doing|creating|teaching|writing|selling|working)\b`;

/** "your time at SpaceX", "your talk at JSConf", "his work on retrieval". */
export const YOUR_BACKGROUND = new RegExp(
  String.raw`\b(?:your|his|her|their)\s+(?:[\w'-]+\s+){0,2}?(?:${ARTIFACT}\b|${BACKGROUND}\s+${COMPLEMENT})`,
  "i",
);

/** "you built…", "you spent six years at…", "she was the first designer at…". */
export const YOU_DID =
  /\b(?:you|she|he|they|who)(?:'ve|'s|\s+have|\s+has|\s+had|'d)?\s+(?:\w+ly\s+|two\s+|also\s+|then\s+|once\s+)?(?:built|founded|co-?founded|started|led|scaled|wrote|written|ran|run|runs|launched|joined|spent|moved|grew|grown|created|designed|shipped|raised|published|gave|given|spoke|taught|managed|mentored|hired|sold|exited|left|set\s+up|opened|restored|redesigned|rebuilt|established|introduced|pioneered|organi[sz]ed|developed|tested|released|invested|worked|were\s+(?:the|a|an|lead|head|at|on|part)|was\s+(?:the|a|an|lead|head|at|on|part)|are\s+(?:the|a|an|at|on|part)|'re\s+(?:the|a|an|at|on|part)|is\s+(?:the|a|an|at|on|part)|made|went|took|leads|lead|manage|manages|teach|teaches|advise|advises|invest|invests|host|hosts|edit|edits|direct|directs|oversee|oversees|helped|negotiated|implemented|produced|curated|coached|trained)\b/i;

/** A link in a signature: a URL or a bare domain such as kai.fm. */
export const LINK =
  /(?:https?:\/\/|www\.)\S+|(?<![@\w.-])(?:[a-z0-9][a-z0-9-]*\.)+[a-z]{2,12}(?:\/\S*)?(?![\w@])/i;

/** Closing words, alone on a line or followed by the name ("Thx, Priya"). */
export const CLOSING =
  /^(?:best(?:\s+wishes|\s+regards)?|all\s+the\s+best|kind(?:est)?\s+regards|warm(?:est)?\s+(?:regards|wishes)|regards|warmly|thanks?(?:\s+(?:so\s+much|a\s+lot|a\s+ton|again|very\s+much|in\s+advance|man|mate))?|thank\s+you(?:\s+(?:so\s+much|very\s+much|again))?|many\s+thanks|thx|ty|cheers|sincerely|yours(?:\s+(?:sincerely|truly|faithfully))?|respectfully|cordially|love|take\s+care|talk\s+soon|speak\s+soon|with\s+(?:thanks|gratitude|kind\s+regards|best\s+wishes|appreciation)|gratefully|appreciate\s+it|looking\s+forward|obrigad[oa]|gracias|merci|danke|tack|takk|ciao|mahalo|jazakallah|un\s+abrazo|saludos|grazie|xo|xx)\b[\s,.!]*/i;
