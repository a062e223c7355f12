// Phrase rules for a target's reply to "would you be open to an intro?", in English, French,
// German and Spanish. Order matters: the first rule to match some words uses them up, so
// specific phrases come before general ones ("not happy to" before "happy to", "no problem"
// before "no", "n'hésite pas" before the negation "pas").
//
// Weights: about 1.0 is a clear answer on its own, 1.3-1.5 an unmistakable one, below 1.0 a
// hint that needs company. `limit` words ("right now", "for now") turn a no into a not-now;
// `later` words are future times, which only matter next to a no. `hedge` blocks an accept.

import { type PhraseRule, rule } from "./phrase-matcher.ts";

/** What a phrase in a consent reply is evidence for. */
export type ConsentSignal =
  | "accept"
  | "decline"
  | "defer"
  | "hedge"
  | "limit"
  | "later"
  | "neutral";

const r = rule<ConsentSignal>;

export const CONSENT_RULES: PhraseRule<ConsentSignal>[] = [
  // --- words that look like answers but are not
  r(
    "neutral",
    0,
    "no worries(?: if not)?|no rush|no pressure|no doubt|why not[!.]?|make sure|i'?m sure|for sure if|not only|not just",
    { label: "filler" },
  ),
  r(
    "neutral",
    0,
    "how are you|how's it going|hope (?:you're|you are|all is|this finds you) (?:well|good)|ça va|wie geht'?s|qué tal|cómo estás",
    { label: "small talk" },
  ),
  r(
    "neutral",
    0,
    "thanks? (?:you )?(?:so much |a lot )?for (?:asking|checking|thinking of me|the (?:note|intro|heads[- ]up|message)|reaching out|reaching out first)|merci (?:pour|de) (?:la proposition|ton message|votre message|avoir demandé)|danke (?:für die anfrage|der nachfrage|für deine nachricht)|gracias por (?:preguntar|pensar en mí|tu mensaje)",
    { label: "thanks for asking" },
  ),
  r(
    "neutral",
    0,
    "sorry for the (?:delay|late reply|slow reply)|désolée? pour le retard|sorry für die späte antwort|perdón por el retraso",
    { label: "apology for delay" },
  ),
  r("neutral", 0, "n'hésitez? pas|don't hesitate|no dudes", { label: "don't hesitate" }),
  r(
    "neutral",
    0,
    "(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:s)?(?:\\s+\\w+){0,2}\\s+(?:doesn't|does not|won't|isn't|is not|wouldn't) (?:work|good|great|possible)|(?:that|this) (?:time|slot|day) (?:doesn't|does not|won't) work",
    { label: "a scheduling constraint" },
  ),
  r("neutral", 0, "(?:in|at) (?:your|my) office|can also do|whatever you prefer", {
    label: "logistics",
  }),
  r(
    "neutral",
    0,
    "(?:just )?(?:reply|replying) (?:yes|no)|say (?:yes|no) to (?:everyone|everything)",
    { label: "quoting the options" },
  ),

  // --- "maybe later" and "after that, sure" are not-nows, not hedges or yeses
  r(
    "defer",
    1.5,
    "after (?:that|this|then)[,]? (?:sure|yes|happy to|gladly|definitely|of course|i'?d love to)",
    { label: "yes, but later" },
  ),
  r(
    "defer",
    1.3,
    "only (?:after|from|once|in|next)|not (?:before|until)|pas avant|seulement (?:après|à partir|en)|erst (?:nach|ab|im|in|nächste|wieder|wenn)|no antes de|(?:solo|sólo) (?:después|a partir|en)|a partir de",
    { label: "not before" },
  ),
  r(
    "defer",
    1.2,
    "(?:maybe|perhaps|possibly) (?:later|in a (?:few|couple)|next|after|once)|later (?:this|in the|next) (?:year|month|quarter|week)|down the (?:road|line)",
    { label: "maybe later" },
  ),

  // "no problem" is a yes, and must be read before the plain "no" below.
  r(
    "accept",
    0.9,
    "no problem|not a problem|no problemo|pas de (?:souci|soucis|problème)|aucun (?:souci|problème)|kein problem|sin problema|ningún problema",
    { label: "no problem", negatedAs: "decline" },
  ),

  // --- sarcasm and emphatic no's, before their words are read as a yes
  r(
    "decline",
    1.4,
    "(?:absolutely|certainly|definitely|of course|sure|hell) not|when pigs fly|yeah,? right|not a chance|no way|not in a million years|count me out|i'?m out(?! of)|tell (?:her|him|them) (?:no|it's a no)|(?:bien sûr|absolument) pas|auf keinen fall|ganz sicher nicht|(?:claro|por supuesto) que no|de ninguna manera|ni hablar",
    { label: "emphatic no" },
  ),

  // --- hedges and conditions: not an answer yet
  r(
    "hedge",
    1.0,
    "if i (?:had|were|could|was)|if only|in theory|in principle|theoretically|ideally|normally i'?d|usually i'?d|would have|would've|en théorie|en principe|theoretisch|im prinzip|en teoría|en principio",
    { label: "only in theory" },
  ),
  r(
    "hedge",
    1.0,
    "received|got it|noted|got (?:your|the) (?:email|message|note|mail)|saw (?:this|it|your)|(?:will|i'?ll) (?:reply|respond|answer|read)(?![- ]all)|out of (?:the )?office|on (?:vacation|holiday|leave) until|away until|back in the office|bien reçu|reçu|erhalten|angekommen|recibido",
    { label: "acknowledges, does not answer" },
  ),
  r(
    "hedge",
    1.2,
    "(?:i'?m |i am )?not saying (?:no|yes)(?: either)?|haven't decided|not decided|undecided",
    { label: "undecided" },
  ),
  r(
    "hedge",
    1.0,
    "before (?:i|saying) (?:say )?(?:yes|agree|commit|decide)|before i say yes|avant de (?:dire oui|répondre)|bevor ich zusage|antes de decir que sí",
    { label: "before saying yes" },
  ),
  r(
    "hedge",
    1.0,
    "let me (?:think|check|see|look|get back|sleep on it|mull)|let'?s see|we'?ll see|(?:i'?ll |i will |i'?d )?consider(?:ing)?(?: it)?|on the fence|sleep on it|i'?ll (?:think about it|get back to you|let you know|check|have a look|take a look|look into)|will (?:take a look|read|get back|think|let you know)|(?:think|thinking) (?:about|it over)|need to check|have to check|check with my",
    { label: "will think about it" },
  ),
  r(
    "hedge",
    0.9,
    "not sure|unsure|not certain|don't know (?:yet|if|whether)|i guess(?: so)?|i suppose|depends|it depends|depending on|as long as|only if|provided (?:that )?|on (?:the )?condition|assuming|if you think|not convinced",
    { label: "unsure or conditional" },
  ),
  r("hedge", 0.6, "difficult|tricky|difficile|compliqué|schwierig|difícil|complicado", {
    label: "difficult",
  }),
  r("hedge", 0.8, "maybe|perhaps|possibly|probably|might|could be", { label: "maybe" }),
  r(
    "hedge",
    1.0,
    "je vais y réfléchir|(?:laisse|laissez)[- ]moi (?:réfléchir|voir)|réfléchir|pas sûre?|je ne sais pas|ça dépend|peut-être|je te redis|je reviens vers (?:toi|vous)",
    { label: "hésitation" },
  ),
  r(
    "hedge",
    1.0,
    "(?:ich )?überlege (?:es )?mir|überlegen|nicht sicher|weiß (?:noch )?nicht|kommt (?:darauf|drauf) an|mal sehen|vielleicht|ich melde mich(?! gerne)|ich sag dir bescheid",
    { label: "Zögern" },
  ),
  r(
    "hedge",
    1.0,
    "(?:déjame|dejame) (?:pensarlo|pensar|ver)|pensarlo|no (?:estoy )?segur[oa]|depende|no sé|quizás?|tal vez|a lo mejor|te (?:digo|confirmo)",
    { label: "duda" },
  ),

  // --- not now (defer), before the plain "no" and "not" rules
  r(
    "defer",
    1.4,
    "not (?:right )?now|not at (?:the|this) (?:moment|time|point)|not (?:for )?the moment|not (?:just )?yet|not before|not until|not this (?:week|month|quarter|year|time of year)",
    { label: "not now" },
  ),
  r(
    "defer",
    1.4,
    "not (?:a |the )?(?:great|good|ideal|right|best) (?:time|moment|timing)|(?:bad|terrible|tough|awful|poor) (?:time|timing|moment)|timing(?:'s| is) (?:bad|tough|not great|off)|(?:right )?now is (?:a )?(?:bad|tough|not)",
    { label: "bad timing" },
  ),
  r(
    "defer",
    1.4,
    "(?:ping|ask|try|contact|email|nudge|remind|check (?:back )?with|reach out to|follow up with|circle back with|come back to) me (?:again |back )?(?:after|in|next|around|later|then|once|when|at(?! [^\\s@]+@)|on|early|mid|late|towards?)",
    { label: "ask me later" },
  ),
  r(
    "defer",
    1.3,
    "me (?:relancer|recontacter|réécrire|redemander|reparler)|(?:dich|sich|mich) (?:dann |bitte |gerne |einfach )?(?:nochmal |noch ?mal |später |wieder )+melden|(?:me )?(?:escribes|escribas|contactas|contactes|vuelves a escribir) (?:más adelante|en|después|otra vez)|(?:could|can|shall) we (?:do|make|have) (?:this|it|that) (?:after|in|next|later|once|another)",
    { label: "ask me again later" },
  ),
  r(
    "defer",
    1.3,
    "(?:ping|ask|try) me again|circle back|check (?:back|again)|revisit|reach out (?:again )?(?:then|later|after|in|next)|(?:could|can|shall) we (?:push|postpone|delay|move|revisit)|push (?:this|it) (?:to|back|out)|postpone|hold off|rain ?check|another time|some other time|(?:can|could) (?:this|it|that) wait|wait (?:until|till)|until after",
    { label: "later, please" },
  ),
  r(
    "defer",
    1.0,
    "(?:when|once) (?:things|it|work|life) (?:calms?|settles?|quiets?|slows?) down|(?:after|once) (?:the|our|my) [\\p{L}-]+ (?:closes|is over|is done|ends|wraps up|ships|launches)",
    { label: "once things calm down" },
  ),
  r(
    "defer",
    0.9,
    "swamped|slammed|snowed under|underwater|heads[- ]down|crazy busy|super busy|too busy|very busy|really busy|so busy|hectic|overloaded|stretched thin|(?:parental|maternity|paternity|sick|medical) leave|in the middle of (?:a|the|our) (?:launch|move|fundraise|crunch)|deadline|(?:is|are|'s|'re) (?:insane|crazy|nuts|brutal|packed|intense|manic)",
    { label: "too busy" },
  ),
  r(
    "defer",
    1.4,
    "pas (?:pour le|en ce|pour l'instant|maintenant)|pas (?:le bon|le meilleur|un bon) moment|(?:ce n'est|c'est) pas le moment|plus tard|(?:recontacte|recontactez|relance|relancez|réécris|réécrivez|redemande|redemandez|reviens vers|revenez vers)[- ]?(?:moi|nous)|débordée?|sous l'eau|pas tout de suite|pas (?:cette semaine|ce mois-ci|ce mois|aujourd'hui)",
    { label: "pas maintenant" },
  ),
  r(
    "defer",
    1.4,
    "(?:gerade|momentan|im moment|zurzeit|derzeit|aktuell|jetzt) (?:passt es |ist es )?(?:leider |gerade )?(?:nicht|schlecht|ungünstig)|nicht (?:jetzt|gerade|im moment|momentan|heute|diese woche|diesen monat|dieses jahr)|(?:diese woche|diesen monat) (?:leider )?nicht|(?:melde|meld) dich (?:bitte |gerne |einfach )?(?:später|nochmal|noch ?mal|wieder|im|in|nach|ab)|frag mich (?:bitte )?(?:später|nochmal|noch ?mal|in|im|nach)|später|zu viel los|viel um die ohren|schlechter zeitpunkt|ungünstiger zeitpunkt",
    { label: "nicht jetzt" },
  ),
  r(
    "defer",
    1.4,
    "ahora (?:mismo )?no|(?:esta semana|este mes|hoy) no|no (?:esta semana|este mes)|(?:de momento|por ahora|por el momento) no|no es (?:un )?buen momento|más adelante|en otro momento|(?:escríbeme|escribeme|contáctame|contactame|recuérdamelo|recuerdamelo|vuelve a escribirme|pregúntame|preguntame)|me lo recuerdas|a tope|muy liad[oa]|hasta arriba",
    { label: "ahora no" },
  ),

  // --- no (decline)
  r(
    "decline",
    1.5,
    "no,? thanks?(?: you)?|thanks?,? but no(?: thanks?)?|(?:but )?no thank you|thanks but no thanks",
    { label: "no thanks" },
  ),
  r(
    "decline",
    1.5,
    "(?:i'?ll|i will|i'?m going to|i am going to|i'?d better|i'?d have to|i have to|i must|i need to|going to|gonna|have to|need to|will|must) (?:politely |respectfully |regretfully )?(?:pass|decline|say no|turn (?:this|it|that) down|sit this one out|bow out|opt out)",
    { label: "I'll pass / decline" },
  ),
  r(
    "decline",
    1.3,
    "(?:i )?pass on (?:this|that|it)|i pass|i'?d pass|i decline|(?:politely )?declin(?:e|ing)|say no|(?:it'?s|that'?s|the answer is) (?:a )?no",
    { label: "pass / no" },
  ),
  r(
    "decline",
    1.5,
    "not interested|no interest|not for me|not my (?:thing|area|cup of tea)|(?:not|isn't|is not|wouldn't be) (?:a |the )?(?:good |great |right )?fit",
    { label: "not interested / not a fit" },
  ),
  r(
    "decline",
    1.3,
    "(?:i'?d|i would) (?:rather|prefer) not|rather not|prefer not|please (?:don't|do not) (?:share|pass|give|forward|introduce|connect|send)",
    { label: "rather not" },
  ),
  r(
    "decline",
    1.2,
    "not (?:the )?(?:right|best|ideal) person|(?:i )?wish i could|not comfortable|don't feel comfortable|too many (?:of these|intros|introductions|requests)|stepped back from|stopped (?:taking|doing|accepting)|no longer (?:take|taking|do|doing|accept|accepting)|(?:don't|do not) do (?:these|this|intros|introductions|calls)|not taking (?:on )?(?:new |any |more )?(?:intro |advisory |coffee |networking )?(?:intros|introductions|calls|meetings|requests|advisory|chats)",
    { label: "can't take this on" },
  ),
  r(
    "decline",
    1.2,
    "(?:isn't|is not|not) (?:something|anything|a thing) (?:i|we)(?:'d| would| can| could)? (?:help|do|take|assist)|(?:can'?t|cannot) help with",
    { label: "not something I can help with" },
  ),
  r(
    "decline",
    1.0,
    "not available|unavailable|pas disponible|indisponible|nicht verfügbar|keine zeit|no estoy disponible|no tengo tiempo|impossible|imposible|unmöglich",
    { label: "not available" },
  ),
  r(
    "decline",
    1.1,
    "(?:can'?t|cannot|can not|won'?t|will not|unable to|not able to|won'?t be able to) (?:help|do (?:this|it|that)|take (?:this|it|that|on)|make (?:it|this|time)|commit|support|assist)",
    { label: "can't help" },
  ),
  r(
    "decline",
    0.8,
    "can'?t|cannot|won'?t be able to|unable to|(?:don't|do not) have (?:the )?(?:bandwidth|time|capacity)|no (?:bandwidth|capacity|time)",
    { label: "can't" },
  ),
  r("decline", 0.8, "(?:doesn't|does not|won't|wouldn't) work for me", {
    label: "doesn't work for me",
  }),
  r("decline", 0.6, "(?:don't|do not) know (?:the|this) (?:space|area|field)", {
    label: "not my field",
  }),
  r("decline", 1.3, "nope|nah", { label: "nope" }),
  r("decline", 1.0, "please (?:don't|do not)", { label: "please don't" }),
  r(
    "decline",
    1.5,
    "non,? merci|(?:je vais|je dois|je préfère|je vais devoir) (?:passer|décliner|refuser)|passer mon tour|je passe|(?:ça|cela) ne m'intéresse pas|pas intéressée?|je (?:préfère|préférerais) (?:ne )?pas|sans façon|(?:ce n'est|c'est) pas pour moi|je ne peux pas",
    { label: "non merci" },
  ),
  r(
    "decline",
    1.5,
    "nein,? danke|kein interesse|(?:ich muss|muss ich) (?:leider )?(?:absagen|ablehnen|passen)|absagen|ablehnen|lieber nicht|passt (?:leider )?nicht(?: zu mir)?|(?:das ist )?nichts für mich|leider nein|ich kann (?:leider )?nicht",
    { label: "nein danke" },
  ),
  r(
    "decline",
    1.5,
    "no,? gracias|no me interesa|prefiero no|(?:voy a |tengo que |tendré que )(?:pasar|declinar|rechazar|decir que no)|paso(?: esta vez)?|no es para mí|no puedo",
    { label: "no, gracias" },
  ),
  r("decline", 1.2, "no|non|nein", { atStart: true, label: "no" }),
  r(
    "decline",
    0.4,
    "unfortunately|sadly|regrettably|malheureusement|leider|lamentablemente|desafortunadamente|por desgracia|lo siento",
    { label: "regret" },
  ),

  // --- time words: "right now" makes a no a not-now; future times back up a not-now
  r(
    "limit",
    0,
    "(?:right|just) now|for now|at the moment|at this (?:time|point)|currently|this (?:week|month|quarter|year|time)|for the time being|yet|until|till|pour (?:le moment|l'instant)|en ce moment|actuellement|zurzeit|momentan|derzeit|gerade|im moment|bis|ahora|de momento|por ahora|en este momento|hasta",
    { label: "for now" },
  ),
  r(
    "later",
    0.3,
    "after the (?:holidays|summer|new year)|in the new year|next (?:week|month|quarter|year)|in (?:a (?:few|couple of)|two|2|three|3|several) (?:weeks|months)|in (?:january|february|march|april|june|july|august|september|october|november|december)|after (?:easter|christmas|thanksgiving|the break)|in the spring|en (?:janvier|février|mars|avril|mai|juin|juillet|septembre|octobre|novembre|décembre)|après (?:les fêtes|pâques|noël)|(?:im|ab) (?:januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)|nach (?:ostern|weihnachten|den feiertagen)|en (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)|después de (?:las fiestas|navidad|semana santa)|(?:la semaine|le mois) prochaine?|nächste[nr]? (?:woche|monat|jahr)|la próxima semana|el próximo mes|el mes que viene|la semana que viene|en primavera|im frühling|au printemps",
    { label: "a later time" },
  ),

  // --- yes (accept)
  r("accept", 1.0, "can'?t wait", { label: "can't wait" }),
  r(
    "accept",
    1.3,
    "(?:more than |very |really |always |super |so )?(?:happy|glad|delighted|pleased|thrilled) to|(?:i'?d|i would|would) (?:love|be (?:glad|happy|delighted|pleased|keen)) to|(?:i'?d )?love to|i'?d love(?: that)?|gladly|with pleasure|my pleasure|delighted",
    { label: "happy to", negatedAs: "decline" },
  ),
  r(
    "accept",
    1.2,
    "please (?:do )?(?:connect|introduce|intro|cc|loop|share|send|go ahead|make the intro)|(?:go ahead|go for it|intro away|let'?s do it|let'?s connect|count me in|i'?m in|i'?m game)|feel free to (?:connect|introduce|share|loop|pass|give|cc|send|forward)|send (?:her|him|them|it) (?:my way|over|along|through)|loop (?:her|him|them) in|introduce us|make the (?:intro|introduction|connection)|(?:please )?(?:cc|copy) me|can make time|share my (?:email|details|contact|number|address)",
    { label: "go ahead", negatedAs: "decline" },
  ),
  r(
    "accept",
    1.0,
    "yes|yep|yup|yeah|yess+|sure(?: thing)?|absolutely|definitely|certainly|of course|by all means|totally|indeed|sounds (?:good|great|fine|perfect|lovely)|(?:that |this |it )?works for me|fine (?:by|with) me|(?:would|it'?d|that'?d) be (?:great|good|nice|a pleasure|lovely)(?: to (?:connect|meet|chat|talk))?|(?:great|good|nice) to (?:connect|meet|chat|talk|reconnect)|open to (?:it|that|this|chatting|a chat|an intro|connecting|meeting)",
    { label: "yes", negatedAs: "decline" },
  ),
  r("accept", 0.6, "ok(?:ay)?|agreed|all good|alright|deal", { label: "ok", negatedAs: "decline" }),
  r(
    "accept",
    1.3,
    "avec (?:grand |joie)?plaisir|avec joie|tout à fait|j'ai hâte|j'accepte|volontiers|je veux bien|ravie? de|ravie? d'\\p{L}+|(?:tu peux|vous pouvez) (?:nous )?(?:mettre en (?:relation|contact)|lui (?:transmettre|donner|passer))|(?:mets|mettez)[- ]nous en (?:relation|contact)|(?:présente|présentez)[- ]nous|(?:faire|fais|faites) l'intro|(?:allez|vas)[- ]y|partante?",
    { label: "avec plaisir", negatedAs: "decline" },
  ),
  r("accept", 1.0, "oui|bien sûr|d'accord|ça me va|ça marche|carrément|évidemment", {
    label: "oui",
    negatedAs: "decline",
  }),
  r(
    "accept",
    1.3,
    "(?:sehr )?gerne?|mit vergnügen|bekannt machen|(?:ich )?freue mich|(?:stell|stelle|stellt) (?:uns|den kontakt)|stell (?:uns )?(?:gerne )?vor|kontakt her|mach (?:das|die|ruhig das|gerne das) (?:intro|vorstellung)|(?:du kannst|sie können) (?:ihm|ihr|ihnen) meine (?:adresse|e-mail|email|nummer) geben|leg los",
    { label: "gerne", negatedAs: "decline" },
  ),
  r(
    "accept",
    1.0,
    "ja|klar|natürlich|selbstverständlich|einverstanden|auf jeden fall|klingt gut|passt",
    { label: "ja", negatedAs: "decline" },
  ),
  r(
    "accept",
    1.3,
    "con (?:mucho )?gusto|encantad[oa]|me encantaría|acepto|cuenta conmigo|(?:preséntanos|presentanos)|(?:pásale|pasale|dale|compártele|compartele) mi (?:correo|email|contacto|número)",
    { label: "con gusto", negatedAs: "decline" },
  ),
  r(
    "accept",
    1.0,
    "sí|claro(?: que sí)?|por supuesto|de acuerdo|adelante|desde luego|cómo no|me parece (?:bien|genial|perfecto)|perfecto|vale",
    { label: "sí", negatedAs: "decline" },
  ),
  // Unaccented "si" is also French and Spanish for "if": only a "si" standing alone is a yes.
  r("accept", 1.0, "si(?=\\s*[,.!]|\\s*$)", { atStart: true, label: "si", negatedAs: "decline" }),
];
