// The dates people give when they put something off, which chrono-node does not read:
// holidays and seasons, "next quarter", "mid-February", and month names after a French,
// German or Spanish preposition ("en janvier", "im Januar"). Each resolves to a day in the
// writer's calendar, the next one after `now`. Matched on lower-cased text.

/** A calendar day, in the writer's time zone. */
export interface LocalDay {
  year: number;
  month: number;
  day: number;
}

/** A vague date found in text. */
export interface VagueDate {
  index: number;
  length: number;
  day: LocalDay;
  hasDay: boolean;
}

const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  janvier: 1,
  januar: 1,
  jänner: 1,
  enero: 1,
  february: 2,
  feb: 2,
  février: 2,
  fevrier: 2,
  februar: 2,
  febrero: 2,
  march: 3,
  mar: 3,
  mars: 3,
  märz: 3,
  marzo: 3,
  april: 4,
  apr: 4,
  avril: 4,
  abril: 4,
  may: 5,
  mai: 5,
  mayo: 5,
  june: 6,
  jun: 6,
  juin: 6,
  juni: 6,
  junio: 6,
  july: 7,
  jul: 7,
  juillet: 7,
  juli: 7,
  julio: 7,
  august: 8,
  aug: 8,
  août: 8,
  aout: 8,
  agosto: 8,
  september: 9,
  sept: 9,
  sep: 9,
  septembre: 9,
  septiembre: 9,
  setiembre: 9,
  october: 10,
  oct: 10,
  octobre: 10,
  oktober: 10,
  octubre: 10,
  november: 11,
  nov: 11,
  novembre: 11,
  noviembre: 11,
  december: 12,
  dec: 12,
  décembre: 12,
  decembre: 12,
  dezember: 12,
  diciembre: 12,
};
const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");

const B = "(?<![\\p{L}\\p{N}])";
const E = "(?![\\p{L}\\p{N}])";
const re = (source: string) => new RegExp(`${B}(?:${source})${E}`, "gu");

function next(today: LocalDay, month: number, day: number): LocalDay {
  // The first such day strictly after today.
  const sameYear = month > today.month || (month === today.month && day > today.day);
  return { year: sameYear ? today.year : today.year + 1, month, day };
}

function addDays(d: LocalDay, n: number): LocalDay {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function quarterStart(today: LocalDay, q: number): LocalDay {
  return next(today, (q - 1) * 3 + 1, 1);
}

const QUALIFIER_DAY: Record<string, number> = {
  early: 1,
  "beginning of": 1,
  "start of": 1,
  début: 1,
  debut: 1,
  anfang: 1,
  "principios de": 1,
  "a principios de": 1,
  mid: 15,
  mi: 15,
  mitte: 15,
  "mediados de": 15,
  "a mediados de": 15,
  late: 25,
  "end of": 25,
  fin: 25,
  ende: 25,
  "finales de": 25,
  "a finales de": 25,
};

interface VagueRule {
  re: RegExp;
  hasDay: boolean;
  resolve: (today: LocalDay, m: RegExpExecArray) => LocalDay | null;
}

const RULES: VagueRule[] = [
  {
    re: re(
      "after (?:the )?(?:christmas|xmas)(?: break)?|après noël|apres noel|nach weihnachten|después de navidad|despues de navidad",
    ),
    hasDay: false,
    resolve: (t) => next(t, 12, 27),
  },
  {
    re: re(
      "after the (?:holidays|holiday season|festive season|new year)|after (?:the )?new year'?s?|in the new year|(?:early|beginning of|start of) next year|après les fêtes|apres les fetes|après le nouvel an|(?:au )?début (?:de )?l'année prochaine|nach den feiertagen|nach neujahr|im neuen jahr|anfang (?:des )?nächsten jahres|después de (?:las )?fiestas|después de año nuevo|a principios del (?:año que viene|próximo año)",
    ),
    hasDay: false,
    resolve: (t) => next(t, 1, 5),
  },
  {
    re: re(
      "after (?:the )?summer(?: break| holidays)?|in the (?:fall|autumn)|après l'été|à la rentrée|a la rentree|nach dem sommer|nach den sommerferien|im herbst|después del verano|en otoño",
    ),
    hasDay: false,
    resolve: (t) => next(t, 9, 1),
  },
  {
    re: re(
      "next year|l'année prochaine|l'an prochain|nächstes jahr|nächsten jahr(?:es)?|im nächsten jahr|el año que viene|el próximo año|el año próximo",
    ),
    hasDay: false,
    resolve: (t) => ({ year: t.year + 1, month: 1, day: 1 }),
  },
  {
    re: re(
      "end of (?:the )?year|year[- ]end|fin d'année|fin de l'année|jahresende|ende des jahres|(?:a )?finales de año|fin de año",
    ),
    hasDay: false,
    resolve: (t) => next(t, 12, 31),
  },
  {
    re: re(
      "next quarter|le (?:prochain )?trimestre prochain|au prochain trimestre|(?:im )?nächsten quartal|nächstes quartal|el próximo trimestre|el trimestre que viene",
    ),
    hasDay: false,
    resolve: (t) => quarterStart(t, (Math.ceil(t.month / 3) % 4) + 1),
  },
  {
    re: re("(after |end of |by |until )?q([1-4])"),
    hasDay: false,
    resolve: (t, m) => {
      const q = Number(m[2]);
      return m[1] === "after " || m[1] === "end of "
        ? quarterStart(t, (q % 4) + 1)
        : quarterStart(t, q);
    },
  },
  {
    re: re("(?:the )?(\\d{1,2})(?:st|nd|rd|th)? of next month"),
    hasDay: true,
    resolve: (t, m) => {
      const day = Number(m[1]);
      if (day < 1 || day > 31) return null;
      const month = t.month === 12 ? 1 : t.month + 1;
      const year = t.month === 12 ? t.year + 1 : t.year;
      const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
      return { year, month, day: Math.min(day, last) };
    },
  },
  {
    re: re(
      "in (?:ein paar|einigen|wenigen) wochen|en unas (?:pocas )?semanas|dentro de unas semanas|en algunas semanas",
    ),
    hasDay: true,
    resolve: (t) => addDays(t, 21),
  },
  {
    re: re(
      `(early|mid|late|end of|beginning of|start of|début|debut|mi|fin|anfang|mitte|ende|a principios de|principios de|a mediados de|mediados de|a finales de|finales de)[\\s-]+(?:de |d')?(${MONTH_NAMES})(?!\\.?\\s*\\d)`,
    ),
    hasDay: false,
    resolve: (t, m) => {
      const month = MONTHS[m[2] ?? ""];
      const day = QUALIFIER_DAY[m[1] ?? ""];
      return month && day ? next(t, month, day) : null;
    },
  },
  {
    re: re(
      `(in|en|im|au mois de|until|till|bis|hasta|jusqu'en|after|nach|après|después de)\\s+(${MONTH_NAMES})(?!\\.?\\s*\\d)`,
    ),
    hasDay: false,
    resolve: (t, m) => {
      const month = MONTHS[m[2] ?? ""];
      if (!month) return null;
      // "in may" and "in mar" are English words as often as months: leave those to chrono.
      if (
        (m[1] === "in" || m[1] === "until" || m[1] === "till") &&
        (m[2] === "may" || m[2] === "mar")
      )
        return null;
      const after =
        m[1] === "after" || m[1] === "nach" || m[1] === "après" || m[1] === "después de";
      return after ? next(t, (month % 12) + 1, 1) : next(t, month, 1);
    },
  },
];

/** Finds vague dates in lower-cased text, resolved against `now` in the writer's UTC offset. */
export function findVagueDates(lowerText: string, now: Date, offsetMinutes: number): VagueDate[] {
  const local = new Date(now.getTime() + offsetMinutes * 60_000);
  const today: LocalDay = {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
  };
  const out: VagueDate[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (const m of lowerText.matchAll(rule.re)) {
      if (out.some((o) => m.index < o.index + o.length && o.index < m.index + m[0].length))
        continue;
      const day = rule.resolve(today, m);
      if (day) out.push({ index: m.index, length: m[0].length, day, hasDay: rule.hasDay });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
