// Phrase rules for an introducer's reply to a request ("sure, I'll ask her" / "not a fit" /
// "could you tweak the ask?"). Same engine and conventions as consent-rules.ts: the first
// rule to match words uses them up, so specific phrases come first.

import { type PhraseRule, rule } from "./phrase-matcher.ts";

/** What a phrase in an introducer's reply is evidence for. */
export type IntroducerSignal = "forward" | "changes" | "decline" | "hedge" | "neutral";

const r = rule<IntroducerSignal>;

export const INTRODUCER_RULES: PhraseRule<IntroducerSignal>[] = [
  r(
    "neutral",
    0,
    "no worries|no rush|no problem|n'hésitez? pas|don't hesitate|how are you|hope (?:you're|all is) well|pas de (?:souci|soucis|problème)|kein problem|sin problema|ningún problema",
    { label: "filler" },
  ),
  r(
    "neutral",
    0,
    "thanks? (?:you )?for (?:reaching out|the note|asking|writing|sending)|merci pour (?:ton|votre) message|danke für (?:deine|ihre) nachricht|gracias por (?:tu|su) mensaje",
    { label: "thanks" },
  ),
  r(
    "neutral",
    0,
    "(?:happy|glad) to help (?:with |in |out )?(?:something|anything|another|some other|other)(?: \\S+)?(?: else| way| ways| time)?",
    { label: "offers other help" },
  ),

  // --- asking the requester to change the request
  r(
    "changes",
    1.5,
    "(?:could|can|would|will) you (?:please |maybe |just )?(?:tweak|shorten|change|edit|rewrite|revise|update|adjust|add|cut|trim|clarify|rework|tighten|remove|expand|polish|fix|rephrase|reword|make (?:it|the|this)|be more specific|say more|send (?:me )?(?:a |an )?(?:new|revised|updated|shorter|tighter))",
    { label: "could you tweak…" },
  ),
  r(
    "changes",
    1.4,
    "(?:please )?(?:tweak|shorten|revise|rewrite|tighten|trim|rework|rephrase) (?:it|this|that|the (?:note|blurb|email|request|ask|intro|message|subject))|(?:send|give) me (?:a |an )?(?:new|revised|updated|shorter|tighter|better) (?:version|draft|note|blurb)|change the ask|clearer ask|(?:a few|some|a couple of|couple of|minor|small) (?:edits|changes|tweaks|suggestions|comments|notes)|would be stronger if|needs (?:a bit |a little |some )?(?:more|work|tightening|context|polish)|too (?:long|vague|generic|salesy|short|wordy|pushy)|(?:more|be more) specific|before i (?:send|forward|pass|share|ask)",
    { label: "change the request" },
  ),
  r(
    "changes",
    1.5,
    "(?:peux|pourrais|pourriez|pouvez)[- ](?:tu|vous) (?:le |la |l')?(?:modifier|raccourcir|reformuler|préciser|ajouter|retravailler|changer|revoir|compléter)|trop long|plus précis|avant de (?:transmettre|le transférer|lui envoyer)",
    { label: "modifier la demande" },
  ),
  r(
    "changes",
    1.5,
    "(?:kannst|könntest|können|könnten) (?:du|sie)(?: [\\p{L}]+){0,5}? (?:kürzen|anpassen|ändern|umformulieren|präzisieren|ergänzen|überarbeiten)|zu lang|konkreter|bevor ich (?:es |das )?weiterleite",
    { label: "Anfrage anpassen" },
  ),
  r(
    "changes",
    1.5,
    "(?:puedes|podrías|podría|podrías) (?:cambiar|acortar|ajustar|modificar|reescribir|precisar|añadir|revisar)(?:lo|la|le)?|demasiado larg[oa]|más específic[oa]|antes de (?:reenviarlo|enviarlo|pasarlo)",
    { label: "cambiar la solicitud" },
  ),

  // --- declining to make the intro
  r(
    "hedge",
    1.0,
    "let me think|not sure|maybe|perhaps|i'll see|we'll see|depends|peut-être|vielleicht|quizás?|tal vez",
    { label: "unsure" },
  ),
  r(
    "decline",
    1.5,
    "not (?:a |the )?(?:good |great |right )?fit|(?:i )?don't think (?:she|he|they)(?:'d| would| will)? (?:be )?(?:interested|keen|open|a fit)|(?:she|he|they)(?:'s| is| are) not (?:taking|interested|open|doing)|(?:i )?don't think (?:this|it|that)(?:'s| is| would be| will be|'d be)? (?:a |the )?(?:good |great |right )?(?:fit|match)|(?:i'?d|i would) rather not|rather not|not comfortable|don't feel comfortable|(?:can'?t|cannot|won'?t|shouldn't) (?:make|do|send) (?:this|the|that|an) intro|(?:don't|do not) know (?:her|him|them) (?:well|that well|well enough)|(?:i'?ll|i will|going to|have to|must) (?:pass(?! (?:it|this|that|your \\S+|the \\S+) (?:on|along|over)| along| on to)|decline)|not the right (?:person|time|fit)|too many (?:intros|requests|asks)|(?:getting|gets|get) (?:too many|a lot of) (?:these|intros|requests)|no,? thanks?|decline",
    { label: "not a fit" },
  ),
  r(
    "decline",
    1.5,
    "pas (?:pertinent|adapté|le bon profil)|je ne (?:la|le|les) connais pas (?:assez|bien|suffisamment)|je (?:préfère|préférerais) (?:ne )?pas|ça ne colle pas",
    { label: "pas pertinent" },
  ),
  r(
    "decline",
    1.5,
    "passt (?:leider |einfach |gerade )?nicht|kenne (?:sie|ihn) (?:leider |einfach |wirklich )?nicht (?:gut|gut genug|so gut)|lieber nicht|nicht passend",
    { label: "passt nicht" },
  ),
  r("decline", 1.5, "no encaja|no (?:la|lo) conozco (?:bien|lo suficiente|tanto)|prefiero no", {
    label: "no encaja",
  }),
  r("decline", 1.0, "no|non|nein", { atStart: true, label: "no" }),

  // --- forwarding to the target
  r(
    "forward",
    1.4,
    "(?:i'?ll|i will|let me|i can|happy to|glad to|going to|gonna|will) (?:gladly )?(?:ask|check with|reach out to|ping|email|forward|pass (?:it|this|that|your \\S+) (?:on|along)|send (?:it|this|that|your \\S+) (?:on|along|over)|introduce|connect|loop in|loop|run (?:it|this) by)(?: (?:her|him|them|it|this))?|(?:forwarding|asking|pinging|emailing|cc'?ing|looping in|passing (?:it|this) (?:on|along)|sending (?:it|this) (?:on|along|over))(?! (?:me|you))|forwarded|will do|on it|done[.!]",
    { label: "I'll ask her" },
  ),
  r(
    "forward",
    1.2,
    "(?:her|his|their) (?:email|address|e-mail) is|you can reach (?:her|him|them) at|here'?s (?:her|his|their) (?:email|address)",
    { label: "gives the address" },
  ),
  r(
    "forward",
    1.4,
    "je (?:lui )?(?:demande|transmets|transfère|fais suivre|pose la question)|je m'en occupe|c'est transmis",
    { label: "je lui demande" },
  ),
  r(
    "forward",
    1.4,
    "ich (?:frage|leite|schicke|sende|gebe) (?:sie|ihn|es|das|ihr|ihm)(?: gerne)?(?: weiter)?|mache ich|erledigt|leite ich weiter",
    { label: "ich frage sie" },
  ),
  r("forward", 1.4, "(?:le|se lo|se la) (?:pregunto|reenvío|paso|envío)|me encargo|hecho", {
    label: "se lo pregunto",
  }),
  r(
    "forward",
    1.0,
    "yes|yep|sure|of course|absolutely|happy to|glad to|gladly|sounds good|great idea|ok(?:ay)?|avec plaisir|oui|bien sûr|gerne|ja|klar|claro|con gusto|sí|por supuesto",
    { label: "yes", negatedAs: "decline" },
  ),
];
