// Metamorphic tests of consent by email: a clear yes, combined with anything that shifts,
// conditions, contrasts, hedges, refuses, unsubscribes or mocks it, must never be read as a yes.
// The openers and clauses are written the ways people write, in the four languages the
// classifier reads; fast-check varies where the clause stands, case, punctuation, emoji and
// quoting. Beside them: a corpus of clear yeses that must still read as yes (>= 90%), and two
// held-out corpora (written by someone who never saw the rules) whose figures are reported.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyConsentReply } from "../src/mail/inbound/classify-consent-reply.ts";

const NOW = new Date("2026-12-01T10:00:00Z");
const read = (text: string) => classifyConsentReply(text, { now: NOW });

/** Clear yeses, each a reply on its own. */
const OPENERS = [
  "Yes",
  "Yes please",
  "Sure",
  "Sure thing",
  "Absolutely",
  "Of course",
  "Definitely",
  "Certainly",
  "Happy to",
  "Happy to connect",
  "I'd love to",
  "I'd be glad to",
  "Gladly",
  "With pleasure",
  "Count me in",
  "Go ahead",
  "Please connect us",
  "Feel free to share my email",
  "Sounds great",
  "Yes, happy to chat with her",
  "Of course, loop her in",
  "Yeah, go for it",
  "Oui",
  "Oui, avec plaisir",
  "Avec plaisir",
  "Volontiers",
  "Bien sûr",
  "Je veux bien",
  "Ravie de lui parler",
  "Ça marche",
  "Ja",
  "Ja, gerne",
  "Gerne",
  "Sehr gerne",
  "Klar",
  "Natürlich",
  "Auf jeden Fall",
  "Mit Vergnügen",
  "Sí",
  "Sí, claro",
  "Claro",
  "Por supuesto",
  "Con gusto",
  "Encantada",
  "Me encantaría",
  "Claro que sí",
];

/** What makes a yes not a clear one: hedges, deferrals, conditions, contrasts, refusals... */
const CLAUSES = [
  // English: deferrals and later times
  "ask me again later",
  "but not until the new year",
  "in a few months",
  "after my launch is done",
  "next month would be better",
  "I'm swamped until March",
  "once things calm down",
  "can we revisit this in January",
  "maybe next quarter",
  "ping me after the holidays",
  // English: conditions and contrasts
  "if she keeps it to 15 minutes",
  "unless it's about fundraising",
  "as long as it's not a sales pitch",
  "though I'm not sure I can help",
  "but I'm not taking new advisory roles",
  "however my calendar is a mess",
  "provided she reads my blog first",
  "only if Jane joins too",
  // English: hedges, refusals, unsubscribes, sarcasm, away
  "let me think about it",
  "I guess",
  "probably, let me check with my team",
  "please stop emailing me",
  "please remove me from your list",
  "unsubscribe me",
  "take me off this mailing list",
  "of course you'd ask me during the busiest week of the year",
  "yeah right",
  "🙄",
  "I'm out of office until January 5 with limited access to email",
  "I'm on parental leave until spring",
  "I got your email and will reply when I can",
  "not right now",
  "I don't think I'm the right person",
  // French
  "mais pas avant février",
  "sauf si c'est pour du recrutement",
  "si elle accepte un appel court",
  "plus tard peut-être",
  "désabonnez-moi s'il vous plaît",
  "je suis absente jusqu'au 5 janvier",
  "je suis débordée en ce moment",
  "recontacte-moi le mois prochain",
  "je vais y réfléchir",
  "pas maintenant",
  // German
  "aber erst nächsten Monat",
  "wenn es nicht länger als 15 Minuten dauert",
  "bitte nehmen Sie mich aus dem Verteiler",
  "ich bin bis zum 10. Januar im Urlaub",
  "vielleicht später",
  "frag mich nach Ostern nochmal",
  "momentan ist zu viel los",
  "falls sie flexibel ist",
  "hör bitte auf, mir zu schreiben",
  "ich überlege es mir",
  // Spanish
  "pero no antes de marzo",
  "si no te importa esperar unas semanas",
  "dame de baja por favor",
  "estoy fuera de la oficina hasta el lunes 12",
  "más adelante",
  "quizás el mes que viene",
  "deja de escribirme",
  "aunque no sé si puedo ayudar",
  "escríbeme después de las fiestas",
  "ahora mismo estoy muy liada",
  "siempre que sea breve",
];

const EMOJI = ["", " 😊", " 🙂", " 👍", " 🎉", " 🙏", " ✨", " ❤️"];
const ENDS = ["", ".", "!", "!!", " :)", "…"];
const QUOTES = [
  "",
  "\n\nOn Tue, Dec 1, 2026 at 10:02 AM Jane via Vouch <intros+abc@vouch.localhost> wrote:\n> Would you like an intro to Alice?\n> Just reply yes or no.",
  "\n\nLe mar. 1 déc. 2026 à 10:02, Jane via Vouch a écrit :\n> Souhaitez-vous être présentée à Alice ?",
  "\n\nAm Di., 1. Dez. 2026 um 10:02 schrieb Jane via Vouch:\n> Möchtest du Alice kennenlernen?",
  "\n\n-----Original Message-----\nFrom: Jane via Vouch\nSent: Tuesday, December 1, 2026 10:02 AM\nSubject: Would you like an intro to Alice?\n\nWould you like an intro to Alice?",
];
type Place = "after" | "before" | "own_sentence" | "own_line";

function cased(s: string, c: number): string {
  if (c === 1) return s.toLowerCase();
  if (c === 2) return s.toUpperCase();
  return s;
}

/** One reply: the opener and the clause, placed and decorated. */
function compose(
  opener: string,
  clause: string,
  place: Place,
  o: { caseStyle: number; emoji: string; end: string; quote: string; quoted: boolean },
): string {
  const yes = o.quoted ? `"${opener}"` : opener;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const body =
    place === "after"
      ? `${yes}, ${clause}${o.end}${o.emoji}`
      : place === "before"
        ? `${cap(clause)}, ${yes.charAt(0).toLowerCase()}${yes.slice(1)}${o.end}${o.emoji}`
        : place === "own_sentence"
          ? `${yes}!${o.emoji} ${cap(clause)}${o.end}`
          : `${yes}${o.emoji}\n\n${cap(clause)}${o.end}`;
  return `${cased(body, o.caseStyle)}\n\nMaya${o.quote}`;
}

describe("consent by email: metamorphic", () => {
  it("has at least 40 openers and 60 clauses", () => {
    expect(OPENERS.length).toBeGreaterThanOrEqual(40);
    expect(CLAUSES.length).toBeGreaterThanOrEqual(60);
  });

  it("reads every opener alone as a yes (so the cases below test the clauses)", () => {
    const misread = OPENERS.filter((o) => read(`${o}!\n\nMaya`).intent !== "accept");
    expect(misread).toEqual([]);
  });

  it("never reads a yes as consent when any clause joins it, in any place", () => {
    const accepted: string[] = [];
    let cases = 0;
    const plain = { caseStyle: 0, emoji: "", end: ".", quote: "", quoted: false };
    for (const opener of OPENERS) {
      for (const clause of CLAUSES) {
        for (const place of ["after", "before", "own_sentence", "own_line"] as Place[]) {
          const text = compose(opener, clause, place, plain);
          cases++;
          if (read(text).intent === "accept") accepted.push(text);
        }
      }
    }
    console.log(`metamorphic (exhaustive): ${cases} cases, ${accepted.length} read as accept`);
    expect(accepted.slice(0, 10)).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(40 * 60 * 4);
  });

  it("never reads a yes as consent under varied case, punctuation, emoji and quoting", () => {
    let cases = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...OPENERS),
        fc.constantFrom(...CLAUSES),
        fc.constantFrom<Place>("after", "before", "own_sentence", "own_line"),
        fc.record({
          caseStyle: fc.integer({ min: 0, max: 2 }),
          emoji: fc.constantFrom(...EMOJI),
          end: fc.constantFrom(...ENDS),
          quote: fc.constantFrom(...QUOTES),
          quoted: fc.boolean(),
        }),
        (opener, clause, place, o) => {
          cases++;
          const c = read(compose(opener, clause, place, o));
          expect(c.intent, compose(opener, clause, place, o)).not.toBe("accept");
        },
      ),
      { numRuns: 4000, seed: 20261206 },
    );
    console.log(`metamorphic (generated): ${cases} cases, 0 read as accept`);
  });

  it("never reads the seen attacks as consent", () => {
    for (const text of [
      "Sure is a busy week for me, ask again later",
      "I'd be glad to... in a few months.",
      "Ja, gerne! Aber erst nächsten Monat.",
      "Please stop emailing me. Yes, I mean it.",
      "Sure, unsubscribe me.",
      "Yes please remove me from your list",
      "Definitely a busy season.",
      "Of course you'd ask me during the busiest week of the year.",
      "Je suis absente jusqu'au 5 janvier. Avec plaisir je vous répondrai à mon retour.",
    ]) {
      expect(read(text).intent, text).not.toBe("accept");
    }
  });
});

type Labelled = { text: string; lang: string; label?: string };
const fixture = (name: string): Labelled[] =>
  JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", name), "utf8"));

describe("consent by email: corpora", () => {
  it("reads >= 90% of a corpus of clear yeses as yes", () => {
    const yeses = fixture("consent-yes.json");
    expect(yeses.length).toBeGreaterThanOrEqual(150);
    const missed = yeses.filter((y) => read(y.text).intent !== "accept");
    const rate = 1 - missed.length / yeses.length;
    console.log(
      `yes corpus: ${yeses.length - missed.length}/${yeses.length} accepted (${(rate * 100).toFixed(1)}%)` +
        (missed.length ? `\nmissed: ${missed.map((m) => JSON.stringify(m.text)).join("\n")}` : ""),
    );
    expect(rate).toBeGreaterThanOrEqual(0.9);
  });

  // Each held-out set was written by someone who never saw the rules, and measured once before
  // any rule was changed for it; its misses then taught the rules, so it guards them since:
  // - consent-heldout.json: 83.0% right, 4 false accepts at first measurement;
  // - consent-heldout-2.json: 82.6% right, 8 false accepts (yes-words about something else,
  //   an assistant writing for the target, dismissive yeses) at first measurement;
  // - consent-heldout-3.json: 80.5% right, 13 false accepts (non-English yes-words about other
  //   things, assistants and colleagues answering, handing the intro on), yes recall 91.1%;
  // - consent-heldout-4.json (the last, measured after every rule above): 83.4% right, 1 false
  //   accept ("ok sure, thanks for the heads up"), yes recall 83.1%.
  it.each([
    "consent-heldout.json",
    "consent-heldout-2.json",
    "consent-heldout-3.json",
    "consent-heldout-4.json",
  ])("%s: no false accept, accuracy reported", (name) => {
    const all = fixture(name);
    const results = all.map((x) => ({ ...x, got: read(x.text).intent }));
    const right = results.filter((r) => r.got === r.label).length;
    const falseAccepts = results.filter((r) => r.got === "accept" && r.label !== "accept");
    const yeses = results.filter((r) => r.label === "accept");
    const yesRecall = yeses.filter((r) => r.got === "accept").length / yeses.length;
    console.log(
      `${name}: ${right}/${all.length} right (${((right / all.length) * 100).toFixed(1)}%), ` +
        `${falseAccepts.length} false accepts, yes recall ${(yesRecall * 100).toFixed(1)}%`,
    );
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(falseAccepts.map((f) => f.text)).toEqual([]);
  });
});
