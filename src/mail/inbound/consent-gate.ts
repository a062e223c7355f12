// The last word on consent by email: a narrow gate that a reply must pass before it can count as
// a yes, whatever the weighted classifier made of it. A missed yes costs the target one click on
// the buttons Vouch sends instead; a false yes introduces someone without consent and costs the
// introducer their reputation. So the gate asks two things of the new text of a reply:
//
//   1. it holds an affirmative *about the introduction*: an answer-shaped yes ("Sure!", "Yes,
//      happy to", "Ja, gerne") or a consent phrase ("please connect us", "avec plaisir") — not a
//      yes-word that starts some other statement ("Sure is a busy week", "Definitely a busy
//      season", "Of course you'd ask me now");
//   2. nothing anywhere in it shifts, conditions, contrasts, hedges, refuses, unsubscribes or
//      mocks the yes, nor says the writer is away, nor names a date beyond the next two weeks.
//
// Every blocker is reported with the words that tripped it, so the ask-again email can quote
// how Vouch read the reply. The lists are deliberately broad: they are read as "anything like
// this anywhere", never weighed.

/** Why a reply cannot count as a clear yes. */
export type BlockerKind =
  | "contrast"
  | "condition"
  | "deferral"
  | "future_date"
  | "hedge"
  | "negation"
  | "refusal"
  | "unsubscribe"
  | "sarcasm"
  | "out_of_office"
  | "acknowledgement"
  | "question"
  | "other_subject"
  | "third_party";

export interface Blocker {
  kind: BlockerKind;
  /** The words of the reply that tripped it. */
  text: string;
}

export interface GateVerdict {
  /** True only for a clear, unconditional yes about the introduction. */
  open: boolean;
  /** The answer-shaped affirmative found, if any. */
  affirmative: string | null;
  blockers: Blocker[];
}

export interface GateOptions {
  /** Dates named in the reply (ISO-8601), and when it was written, for the two-week horizon. */
  dates?: string[];
  now?: Date;
  /** How far ahead a named date may be and still be part of a yes (default 14 days). */
  horizonDays?: number;
}

const L = "\\p{L}\\p{N}";
/** A pattern as a whole-word, case-insensitive, Unicode regex. */
const words = (pattern: string) => new RegExp(`(?<![${L}'])(?:${pattern})(?![${L}])`, "giu");

// Phrases that look like blockers but belong to a yes: removed before blockers are looked for.
const BENIGN = words(
  [
    "no problem(?:o)?",
    "not a problem",
    "no worries(?: at all)?",
    "no rush",
    "can'?t wait",
    "(?:do not|don't) hesitate",
    "n'hésitez? pas",
    "pas de (?:souci|soucis|problème)",
    "sans (?:souci|soucis|problème)",
    "aucun (?:souci|problème)",
    "kein problem",
    "sin problema",
    "ningún problema",
    "no dudes",
    "no hay problema",
    "why not",
    "if (?:it|that|this) helps",
    "if (?:helpful|useful|needed|that'?s easier|it'?s easier)",
    "(?:help|assist) (?:however|in any way|any way) (?:i|we) can",
    "more than happy",
    "nothing would make me happier",
  ].join("|"),
);

// Standalone yes-words: an answer only when they stand as one ("Sure!", "Yes, …", "Ja gerne").
const YES_WORD = [
  "yes+",
  "yep",
  "yup",
  "yeah",
  "yea",
  "ya",
  "sure(?: thing)?",
  "for sure",
  "absolutely",
  "absolut",
  "definitely",
  "certainly",
  "of course",
  "ofc",
  "by all means",
  "totally",
  "gladly",
  "happily",
  "ok(?:ay)?",
  "alright",
  "all right",
  "perfect",
  "great",
  "lovely",
  "wonderful",
  "fantastic",
  "excellent",
  "oui",
  "bien sûr",
  "volontiers",
  "avec (?:grand )?plaisir",
  "avec joie",
  "tout à fait",
  "carrément",
  "évidemment",
  "d'accord",
  "parfait",
  "ja",
  "jawohl",
  "klar",
  "natürlich",
  "selbstverständlich",
  "(?:sehr )?gerne?",
  "auf jeden fall",
  "einverstanden",
  "prima",
  "super",
  "sí",
  "si",
  "(?:claro|por supuesto|desde luego) que sí",
  "claro",
  "por supuesto",
  "desde luego",
  "con (?:mucho )?gusto",
  "encantad[oa]",
  "vale",
  "perfecto",
  "cómo no",
  "adelante",
  "de acuerdo",
].join("|");
// What may follow a standalone yes-word in the same clause ("Yes please", "Sure Jane",
// "Of course happy to"); anything else means the word begins another statement.
const AFTER_YES =
  "please|pls|plz|bitte|por favor|s'il (?:te|vous) plaît|gern|thanks?|thank you|merci|danke|gracias|thing|happy|glad|delighted|keen|i'?d|i'?m|i'?ll|i am|i would|i will|i can|we'?d|we can|let'?s|go|feel|loop|send|cc|introduce|connect|count|absolutely|definitely|of course|sure|yes|oui|ja|sí|gerne|avec|con|claro|bien|natürlich|klar|sehr|please do|do|would|love|très|volontiers|mit|por|encantad[oa]|me encantaría|je|ich|yo|tu|vous|puedes|pásale|dale|stell|mach|fais|faites|mets|mettez|présente|présentez|happily|gladly|count me in";
// Matched on the lower-cased clause: a yes-word at the start of a clause (or after a greeting),
// followed by the end of the clause, punctuation, an emoji or one of AFTER_YES.
const YES_START = `(?:^[\\p{Extended_Pictographic}\\u200d\\ufe0f\\s]*|(?<=[,;:(—–\\-!.¡¿]\\s*)|(?<=^(?:hi|hey|hello|dear|bonjour|salut|hallo|hola|liebe|lieber|chère|cher|querida|querido)[^,\\n]{0,30},\\s*))(?:${YES_WORD})(?:\\s*[!.]+)?`;
const YES_STANDALONE = new RegExp(
  `${YES_START}(?=\\s*(?:$|[,;:!.—–\\-)\\p{Extended_Pictographic}\\u2764]|(?:${AFTER_YES})(?![${L}])))`,
  "u",
);
// "Sure Jane!", "Yes Maya." — a yes-word before a capitalised name and the end of the clause.
const YES_BEFORE_NAME = new RegExp(`${YES_START}\\s+([\\p{L}]+)\\s*(?:$|[,;:!.])`, "u");
// "of course jane, send it over": a yes-word, one word that cannot start a statement, a comma.
const YES_BEFORE_WORD = new RegExp(
  `${YES_START}\\s+(?!(?:is|was|are|were|be|a|an|the|you|it|that|this|seems?|looks?|feels?|did|does|do|not|no|i|we|they|he|she)(?![${L}]))[\\p{L}]+\\s*[,!]`,
  "u",
);

// What may follow a bare yes-word in its sentence and keep it an answer to the ask: words about
// the intro, the meeting and its logistics. "Yes, I remember Alice from the offsite" is a yes to
// something else.
const ON_SUBJECT = words(
  [
    "yes+|yep|yup|yeah|sure|for sure|by all means|totally|np|absolut\\p{L}*|definitely|certainly|of course|gladly|happily|oui|bien sûr|volontiers|avec plaisir|ja|klar|natürlich|gerne?|sí|claro|por supuesto|con gusto|encantad[oa]|vale|de acuerdo|adelante",
    "please|pls|plz|bitte|por favor|s'il (?:te|vous) plaît|go ahead|count me in|loop|happy|glad|love|delighted|totally|open|ouvert\\p{L}*|plaisir|plasir|rencontr\\p{L}*|mise en relation|fais|faites|vas-y|allez-y|bien s[uû]r|stell|mach|gusto|enlace|encantad\\p{L}*",
    "intro\\p{L}*|connect\\p{L}*|in touch|to meet|meet (?:her|him|them|up)|meeting (?:her|him|them)|a meeting with|(?:to |a |and )?(?:chat|talk|speak) (?:with|to)|a chat|to chat|chatting|call me|a call|coffee|zoom|phone|cell|mobile|e-?mail|my number|my address|calendar|calendly|cal\\.com|link|cc|copy me|reach|ping me|book|schedule|assistant|works (?:well |great |fine )?for me|(?:i'?m |i am )?(?:free|available)|thanks? (?:you )?for (?:asking|checking)|sharing my|slots?|looking forward|(?:my|mon|meine|mi) mail|whatsapp|signal|telegram|zeit|ilusión",
    "correo|numéro|nummer|número|lien|kalender|agenda|dispo\\p{L}*|libre|frei|verfügbar|passt (?:mir|gut|super)|geht (?:beides|gut|mir)|mon adresse|meine adresse|kontakt\\p{L}*|weitergeben|mi dirección|portable|handy|móvil|en copie|en contact|in kontakt|en contacto|d'avoir demandé|dass du (?:vorher )?fragst|por preguntar|s'organise|nos organizamos",
    "présente\\p{L}*|mettre en (?:relation|contact)|contact\\p{L}*|échanger|discuter|appel|café",
    "vorstell\\p{L}*|kennenlernen|kontakt|gespräch|telefon\\p{L}*|termin",
    "pres[eé]nt\\p{L}*|conocer|hablar|charlar|llamada|reunión|ponme|copia",
  ].join("|"),
);

// Lines that carry no answer of their own: a greeting, thanks for the ask, a sign-off or a name.
const FRAME_LINE =
  /^(?:(?:hi|hey|hello|dear|bonjour|salut|coucou|hallo|hi|liebe|lieber|hola|buenas|querid[oa])(?:\s+[\p{L}.'-]+){0,3}[,!.]?|¡?(?:thanks?|thank you|thx|ty|merci|danke|gracias|cheers|best|regards|best regards|kind regards|cordialement|bises|bonne (?:journée|soirée)|à bientôt|grüße|viele grüße|liebe grüße|beste grüße|schöne grüße|lg|saludos|un saludo|un abrazo|abrazos?|besos|xx?|sent from my [\p{L} ]+)(?:\s+(?:so much|a lot|beaucoup|dir|schön|mil|for (?:asking|checking|thinking of me|reaching out|the (?:note|intro|heads[- ]up))|de demander|d'avoir demandé|pour la proposition|für die anfrage|por preguntar|por pensar en mí))?(?:[,!.]?\s*[\p{L}.'-]+){0,2}[,!.]?|[-—–\s]*[\p{L}.'-]+(?:\s+[\p{L}.'-]+)?[,!.]?)$/iu;

/** True when the words after a bare yes-word in its sentence are about something else. */
function offSubject(rest: string): boolean {
  const remaining = blank(rest, BENIGN)
    .replace(/^[\s,;:—–\-!.]+/u, "")
    .replace(/\p{Extended_Pictographic}|\u200d|\ufe0f/gu, "")
    .replace(/\s+([!.?])/g, "$1")
    .trim();
  if (remaining === "" || /^[\p{L}\p{N}%]+[!.]*$/u.test(remaining) || FRAME_LINE.test(remaining))
    return false;
  ON_SUBJECT.lastIndex = 0;
  return !ON_SUBJECT.test(remaining);
}

/** The answer-shaped yes-word that opens a clause of `clause`, if any. */
function standaloneYes(clause: string): string | null {
  const lower = clause.toLowerCase();
  const m = YES_STANDALONE.exec(lower);
  if (m) return m[0].trim();
  const w = YES_BEFORE_WORD.exec(lower);
  if (w) return w[0].trim();
  const n = YES_BEFORE_NAME.exec(lower);
  if (!n || lower.length !== clause.length || !n[1]) return null;
  const at = n.index + n[0].lastIndexOf(n[1]);
  const first = clause[at] ?? "";
  return first !== first.toLowerCase() ? n[0].trim() : null;
}
// Consent phrases that say yes to the introduction wherever they stand.
const CONSENT_PHRASE = words(
  [
    // First person only: "Maya is happy to be introduced" is someone else speaking for her.
    "(?:(?<=^|[\\n,;:.!—–\\-(]\\s*)|(?<=(?:i'?m|i am|i'?d be|i would be|i'?ll be|i will be|we'?re|we are|we'?d be|we would be)\\s+))(?:more than |very |really |so |super |always |only too )?(?:happy|glad|delighted|pleased|thrilled|keen|excited|honou?red) to(?= (?:connect|chat|meet|talk|help|speak|be introduced|hop|jump|do|take|get|have|share|advise|give|offer|make|grab|set|introduce)(?![\\p{L}])| *[!.,]| *$)",
    "(?:i'?d|i would|we'?d|we would) (?:love|like|be glad|be happy|be delighted) to(?= (?:connect|chat|meet|talk|help|speak|be introduced|hop|jump|grab|get|have|introduce)(?![\\p{L}])| *[!.,]| *$)",
    "(?:(?<=^|[\\n,;:.!—–\\-(]\\s*)|(?<=(?:i|would|i'?d)\\s+))love to(?= (?:connect|chat|meet|talk|help|be introduced|grab|get|introduce)(?![\\p{L}])| *[!.,]| *$)",
    "i'?d love that",
    "please (?:do )?(?:connect|introduce|intro|cc|loop|share|send|go ahead|make the intro)",
    "feel free to (?:connect|introduce|share|loop|pass|give|cc|send|forward)",
    "go ahead",
    "go for it",
    "intro away",
    "(?:i'?d|i would|i'?ll|i will|i'?m|i am) be (?:delighted|happy|glad|thrilled|pleased|honou?red)",
    "pass (?:along|on) my (?:email|details|contact|number|address)",
    "(?:i )?(?:happily |gladly )?accept(?: the (?:intro|introduction))?",
    "count me in",
    "i'?m in",
    "i'?m game",
    "let'?s (?:do it|connect|chat|talk|meet)",
    "introduce us",
    "loop (?:her|him|them) in",
    "send (?:her|him|them|it) (?:my way|over|along|through)",
    "make the (?:intro|introduction|connection)",
    "(?:please )?(?:cc|copy) me",
    "share my (?:email|details|contact|number|address|calendar)",
    "with pleasure",
    "my pleasure",
    "sounds (?:good|great|fine|perfect|lovely|wonderful)",
    "(?:that |this |it )?works for me",
    "fine by me",
    "(?:would|it'?d|that'?d|that would) be (?:great|good|nice|a pleasure|lovely|wonderful)",
    "open to (?:it|that|this|chatting|a chat|an intro|connecting|meeting)",
    "je veux bien",
    "ravie? (?:de|d')",
    "je serais ravie?",
    "(?:tu peux|vous pouvez) (?:nous )?(?:mettre en (?:relation|contact)|lui (?:transmettre|donner|passer))",
    "(?:mets|mettez)[- ]nous en (?:relation|contact)",
    "(?:présente|présentez)[- ]nous",
    "(?:faire|fais|faites) l'intro",
    "(?:allez|vas)[- ]y",
    "partante?",
    "ça me va",
    "ça marche",
    "(?:ce serait|c'est) (?:un plaisir|avec plaisir|super|génial)",
    "mit vergnügen",
    "(?:ich )?freue mich",
    "(?:stell|stellt|stellen sie) uns (?:gerne |gern )?vor",
    "(?:ich )?bin dabei",
    "klingt (?:gut|super|toll)",
    "leg los",
    "(?:du kannst|sie können|kannst du) (?:ihm|ihr|ihnen) meine (?:adresse|e-mail|email|nummer) geben",
    "me encantaría",
    "acepto(?: la presentación| encantad[oa])?",
    "j'accepte",
    "j'ai hâte",
    "(?:ich )?nehme (?:das |die |ihr |dein |gerne )*(?:angebot|vorstellung|intro) (?:gerne )?an",
    "bekannt machen",
    "cuenta conmigo",
    "preséntanos",
    "presentanos",
    "(?:pásale|pasale|dale|compártele|compartele) mi (?:correo|email|contacto|número)",
    "me parece (?:bien|genial|perfecto|estupendo)",
    "(?:será|sería) un placer",
  ].join("|"),
);

// Questions about logistics after a yes ("What's her email?", "Zoom or phone?") keep the yes.
const LOGISTICS_QUESTION =
  /(?<![\p{L}])(?:when|what time|which (?:day|time|slot|days|times)|what day|where (?:should|do|shall|would)|should i|shall i|do you want me to|what'?s (?:her|his|their) (?:email|number|address|calendar)|zoom or|phone or|call or|coffee or|in person|quand|wann|cuándo|can (?:she|he|they) (?:email|reach|contact|book|grab|call|text))(?![\p{L}])/iu;

const MONTHS =
  "january|february|march|april|may|june|july|august|september|october|november|december|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|januar|februar|märz|juni|juli|oktober|dezember|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre";
const SEASONS =
  "spring|summer|fall|autumn|winter|printemps|été|automne|hiver|frühling|sommer|herbst|primavera|verano|otoño|invierno";

const BLOCKERS: Array<[BlockerKind, RegExp]> = [
  [
    "unsubscribe",
    words(
      "unsubscribe|opt(?:[- ])?out|take me off|off (?:your|the|this|that) (?:list|mailing)|mailing list|(?:your|the|this|that) list|spam|désabonn\\p{L}*|désinscri\\p{L}*|liste|abmelden|abbestellen|austragen|verteiler|newsletter|darse de baja|darme de baja|dar de baja|de baja|baja|lista",
    ),
  ],
  [
    "refusal",
    words(
      "stop|remove|delete|leave me alone|harass\\p{L}*|block|report you|arrête\\p{L}*|cessez|retire[zr]?|supprime[zr]?|h[öo]r(?:e|en|t)?(?: \\p{L}+){0,3} auf|aufhören|entfern\\p{L}*|lösch\\p{L}*|belästig\\p{L}*|deja de|dejen de|deje de|eliminar?|elimina|quitar?|quita|sácame|no me escrib\\p{L}*",
    ),
  ],
  [
    "out_of_office",
    words(
      `out of (?:the )?office|ooo|o\\.o\\.o|away (?:from|until|till|on|through)|i'?m away|(?:on|from) (?:vacation|holiday|holidays|leave|pto|sabbatical|parental leave|annual leave|maternity leave|paternity leave)|limited access|back (?:on|in|at|by|from)|return(?:ing)? (?:on|to|from)|auto-?reply|automatic reply|absente?|en congés?|en vacances|de retour|à mon retour|je (?:vous )?répondrai|abwesend|im urlaub|nicht im büro|außer haus|zurück am|bei meiner rückkehr|fuera de la oficina|de vacaciones|ausente|a mi regreso|responderé|regreso el`,
    ),
  ],
  [
    "sarcasm",
    new RegExp(
      `(?<![${L}'])(?:you'?d ask|you would ask|of course you|sure you|yeah,? right|as if|oh (?:sure|yes|yeah|great|wonderful|joy|perfect)|just what i needed|thanks a lot|thanks for nothing|great,? (?:another|more)|busiest|lol|lmao|rofl|/s|eye ?roll|ugh|sigh|seriously|love that for me|whatever|peu importe|si tu veux|egal|meinetwegen|lo que sea|como sea|what a (?:surprise|joy|treat)|how (?:nice|lovely|wonderful|thoughtful) of you|bien sûr que non|tu parles|c'est ça,? oui|ja,? klar doch|ja ne|(?:yes|yeah|yep|oui|ja|sí|si)[,!.]? (?:yes|yeah|yep|oui|ja|sí|si)[,!.]? (?:fine|ok|okay|whatever|sure|c'est ça|meinetwegen|schon|lo que sea|vale)|c'est ça|and pigs fly|when pigs fly|reine d'angleterre|sí,? claro que sí,? y yo|ya,? claro)(?![${L}])|[\\u{1F644}\\u{1F612}\\u{1F643}\\u{1F611}\\u{1F624}\\u{1F926}\\u{1F937}\\u{1F928}\\u{1F60F}]`,
      "giu",
    ),
  ],
  [
    "contrast",
    words(
      "but|though|although|however|yet|except|apart from|other than|still|only|whereas|mais|cependant|toutefois|pourtant|par contre|en revanche|sauf|néanmoins|quand même|seulement|aber|jedoch|allerdings|sondern|außer|trotzdem|nur|pero|aunque|sin embargo|salvo|excepto|sino|no obstante|solo|sólo|solamente",
    ),
  ],
  [
    "condition",
    new RegExp(
      `(?<![${L}'])(?:if|unless|provided|providing|as long as|so long as|assuming|in case|on condition|depending|depends|whether|à condition|pourvu|à moins|selon|dépend\\p{L}*|wenn|falls|sofern|solange|vorausgesetzt|es sei denn|je nachdem|kommt drauf an|a menos|siempre que|siempre y cuando|con tal|a condición|en caso|dependiendo|depende)(?![${L}])|(?<![${L}'])si(?=\\s+[${L}])(?!\\s+(?:claro|por favor|gracias|volontiers|avec|bien sûr|señor|señora)(?![${L}]))`,
      "giu",
    ),
  ],
  [
    "deferral",
    words(
      [
        "later",
        "next (?:month|year|quarter|season|spring|summer|fall|autumn|winter|time|semester)",
        `in (?:a|an|one|two|three|four|five|six|a few|a couple(?: of)?|several|some|\\d+) (?:weeks?|months?|years?|quarters?)`,
        `(?:in|from|after|until|till|by|around|early|mid|late|end of) (?:${MONTHS}|${SEASONS})`,
        "after(?!\\s*(?:\\d|noon|lunch|midday))",
        "afterwards",
        "until|till|til",
        "once",
        "(?:ask|ping|email|write|try|contact|check with|reach out to|remind|nudge|follow up with) me (?:again|later|back|in|after|next|then|once|when)",
        "(?:ask|try|write|email|ping) again",
        "again later",
        "circle back",
        "check back",
        "revisit",
        "postpone\\p{L}*",
        "push (?:this|it|that)",
        "hold off",
        "rain ?check",
        "another time",
        "some other time",
        "down the (?:road|line)",
        "busy",
        "swamped",
        "slammed",
        "snowed under",
        "underwater",
        "hectic",
        "crazy (?:time|week|month|season)",
        "full plate|plate is full",
        "bandwidth",
        "capacity",
        "(?:right|just) now",
        "for now",
        "at the moment",
        "at this (?:time|point)",
        "currently",
        "for the time being",
        "when (?:i'?m|i am|i get) back",
        "when we (?:see|meet|talk|speak)",
        "let'?s discuss",
        "discuss (?:it|this|that|the intro)",
        "on en (?:parle|reparle)",
        "besprechen",
        "lo hablamos",
        "hablemos",
        "when (?:things|it|work|life) (?:calms?|settles?|quiets?|slows?)",
        "plus tard",
        "d'ici",
        "quand (?:les choses|ça|ce sera|tout)",
        "(?:few|couple of|several|quelques|ein paar|einigen|unos|unas|algunos|algunas) (?:days|weeks|months|jours|semaines|mois|tagen|wochen|monaten|días|semanas|meses)",
        "prochainement",
        "(?:le mois|l'an|l'année|le trimestre) prochaine?",
        "après(?!-midi)",
        "dans (?:un|une|deux|trois|quelques|\\d+) (?:semaines?|mois|ans?)",
        "à partir d\\p{L}*",
        "jusqu'\\p{L}*",
        "quand je serai",
        "une fois que",
        "débordée?",
        "occupée?",
        "chargée?",
        "pas le moment",
        "pour (?:le moment|l'instant)",
        "en ce moment",
        "relance\\p{L}*",
        "recontacte\\p{L}*",
        "redemande\\p{L}*",
        "reviens vers",
        "revenez vers",
        "später",
        "nächste[nmrs]? (?:monat|jahr|quartal)",
        "in (?:ein paar|einigen|zwei|drei|\\d+) (?:wochen|monaten|jahren)",
        "nach (?:den|dem|der|ostern|weihnachten|meinem|meiner|unserem|unserer|neujahr)",
        "erst",
        "ab (?:januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|nächste\\p{L}*)",
        "bis",
        "wieder",
        "sobald",
        "momentan",
        "derzeit",
        "zurzeit",
        "gerade",
        "im moment",
        "viel los",
        "stressig",
        "beschäftigt",
        "ausgelastet",
        "melde dich",
        "frag mich",
        "más adelante",
        "luego",
        "después",
        "el (?:mes|año) que viene",
        "el próximo (?:mes|año|trimestre)",
        "dentro de",
        "en (?:unas|unos|dos|tres|\\d+) (?:semanas|meses|años)",
        "hasta",
        "a partir",
        "cuando (?:vuelva|regrese|pase|termine)",
        "una vez que",
        "ocupad[oa]",
        "liad[oa]",
        "a tope",
        "en este momento",
        "ahora mismo",
        "por ahora",
        "de momento",
        "escríbeme",
        "vuelve a",
        "vuelvas a",
        "otra vez",
        "de nuevo",
      ].join("|"),
    ),
  ],
  [
    "hedge",
    new RegExp(
      `(?<![${L}'])(?:maybe|perhaps|possibly|probably|might|may be|could (?:be|work|maybe)|i guess|i suppose|i think so|kind of|kinda|sort of|sorta|not sure|unsure|let me|we'?ll see|let'?s see|think(?:ing)? (?:about|it over)|consider\\p{L}*|on the fence|tentative\\p{L}*|in theory|in principle|ideally|peut-être|probablement|je pense|je crois|je vais voir|on verra|réfléchi\\p{L}*|vielleicht|wahrscheinlich|eventuell|mal sehen|ich denke|überleg\\p{L}*|quizás?|tal vez|a lo mejor|probablemente|creo que|ya veremos|pensarlo|hmm+|umm*|erm|uh+)(?![${L}])|\\.{3,}|…|\\?{2,}`,
      "giu",
    ),
  ],
  [
    "third_party",
    words(
      "on (?:her|his|their|maya's|\\p{L}+'s) behalf|on behalf of|(?:reply|respond|answer|write) for (?:her|him)|asked me to (?:reply|respond|answer|write)|(?:she|he)(?:'s| is) (?:fine|happy|ok|okay|glad|open|delighted)|(?<!(?:mi|ma|mon|meine|mein|my|mis|mes) )(?:sekretariat|secretariat|secrétariat|asistente|assistante|assistentin|colleague|collègue|kolleg\\p{L}*|compañer[oa])|(?:i'?m |i am )?forwarding (?:this|it|you)|forward (?:this|it) to|pass(?:ing)? (?:this|it) (?:on |along )?to|handles (?:these|this|that)|right person|bonne personne|richtige (?:person|ansprechpartner\\p{L}*)|persona adecuada|(?:sie|er) ist (?:\\p{L}+ ){0,4}einverstanden|(?:frau|herr) \\p{L}+ ist|a \\p{L}+ le parece|(?:elle|il) est d'accord|mon mari|ma femme|mein mann|meine frau|mi marido|mi mujer|my (?:husband|wife|partner)|\\p{L}+'s (?:ea|pa|executive assistant|assistant|chief of staff|secretary)|(?:her|his|their) (?:ea|pa|executive assistant|assistant|chief of staff|secretary|office)(?= here| speaking|,| writing)|(?:ea|pa|assistant|secretary) here|(?:ea|assistant|secretary|chief of staff) (?:to|of|for) \\p{Lu}?\\p{L}+(?= here|,)|de la part de|au nom de|im (?:auftrag|namen) von|en nombre de|de parte de",
    ),
  ],
  [
    "acknowledgement",
    words(
      "got (?:your|the|it)|heads[- ]up|good to know|receiv\\p{L}*|noted|recib\\p{L}*|bekommen|angekommen|gelesen|will read|read it|(?:je )?(?:lis|lirai)|lo leo|lo leeré|(?:i'?ll|i will) (?:reply|respond|read|look|get back)(?![- ]all)|bien reçu|reçu|erhalten|recibido",
    ),
  ],
  [
    "negation",
    words(
      "not|no|never|nothing|nobody|none|nor|neither|cannot|can'?t|won'?t|don'?t|doesn'?t|didn'?t|isn'?t|wasn'?t|aren'?t|shouldn'?t|wouldn'?t|couldn'?t|haven'?t|hasn'?t|\\p{L}+n't|pas|ne|n'|jamais|rien|personne|non|nicht|kein\\p{L}*|nie|niemals|nichts|nein|nunca|nada|nadie|tampoco|ni",
    ),
  ],
];

const DAY_MS = 86_400_000;

/** Blanks out what matched, keeping every other character where it was. */
function blank(text: string, re: RegExp): string {
  return text.replace(re, (m) => " ".repeat(m.length));
}

/** Splits on sentence ends and line breaks; a question is a sentence ending in "?". */
function sentencesOf(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Decides whether the new text of a reply is a clear, unconditional yes about the introduction.
 * Pure and deterministic; `reply` is the text with quotes and signature already stripped.
 */
export function consentGate(reply: string, options: GateOptions = {}): GateVerdict {
  const text = reply
    .normalize("NFC")
    .replace(/[‘’ʼ`´]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/\u00a0/g, " ")
    .slice(0, 5000);
  const benign = blank(text, BENIGN);
  const blockers: Blocker[] = [];
  for (const [kind, re] of BLOCKERS) {
    re.lastIndex = 0;
    for (const m of benign.matchAll(re)) {
      if (!blockers.some((b) => b.kind === kind && b.text === m[0]))
        blockers.push({ kind, text: m[0] });
    }
  }
  for (const s of sentencesOf(text)) {
    if (/[?¿]/.test(s) && !LOGISTICS_QUESTION.test(s)) blockers.push({ kind: "question", text: s });
  }
  const now = options.now?.getTime();
  if (now !== undefined && Number.isFinite(now)) {
    const horizon = now + (options.horizonDays ?? 14) * DAY_MS;
    for (const d of options.dates ?? []) {
      const t = Date.parse(d);
      if (t > horizon) blockers.push({ kind: "future_date", text: d.slice(0, 10) });
    }
  }
  let affirmative: string | null = null;
  CONSENT_PHRASE.lastIndex = 0;
  const phrase = CONSENT_PHRASE.exec(text)?.[0]?.trim() ?? null;
  for (const sentence of sentencesOf(text)) {
    const yes = standaloneYes(sentence);
    if (yes) affirmative ??= yes;
    // With only a bare yes-word to go on, every other sentence must be about the intro (or be a
    // greeting, thanks or sign-off): "Oui ! Le concert était génial" answers something else.
    if (phrase || LOGISTICS_QUESTION.test(sentence)) continue;
    const rest = yes ? sentence.slice(sentence.toLowerCase().indexOf(yes) + yes.length) : sentence;
    if (offSubject(rest)) blockers.push({ kind: "other_subject", text: sentence });
  }
  affirmative ??= phrase;
  return { open: affirmative !== null && blockers.length === 0, affirmative, blockers };
}

const KIND_WORDS: Record<BlockerKind, string> = {
  contrast: "a “but”",
  condition: "a condition",
  deferral: "a later time",
  future_date: "a date more than two weeks away",
  hedge: "a hesitation",
  negation: "a “not”",
  refusal: "a request to stop",
  unsubscribe: "a request to unsubscribe",
  sarcasm: "what may be irony",
  out_of_office: "an away message",
  acknowledgement: "an acknowledgement, not an answer",
  question: "a question",
  other_subject: "talk of something else",
  third_party: "someone writing for them",
};

/** How Vouch read a reply that is not a clear yes, in one line for the person who wrote it. */
export function describeGate(v: GateVerdict): string {
  if (!v.affirmative && v.blockers.length === 0) return "We didn't find a yes or a no in it.";
  if (!v.affirmative) return "We didn't find a clear yes in it.";
  const first = v.blockers[0];
  if (!first) return "It reads as a clear yes.";
  return `It says “${v.affirmative}”, but also ${KIND_WORDS[first.kind]} (“${first.text.slice(0, 60)}”), so we'd rather not guess.`;
}
