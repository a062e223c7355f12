// A cheap guess at which languages a short reply is written in, by counting common words.
// It only decides which chrono-node locales to run; the reply rules themselves always apply
// in every language, because people mix them ("Merci! Happy to.").

/** The languages whose replies Vouch reads. */
export type Language = "en" | "fr" | "de" | "es";

const MARKERS: Record<Exclude<Language, "en">, RegExp> = {
  fr: /(?<![\p{L}])(?:je|tu|vous|nous|pas|merci|avec|oui|non|mais|c'est|ça|très|pour|dans|bien|plaisir|volontiers|moi|après|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|lundi|mardi|mercredi|jeudi|vendredi|semaine|prochaine?)(?![\p{L}])/giu,
  de: /(?<![\p{L}])(?:ich|nicht|und|gerne|gern|danke|ja|nein|bitte|ist|das|mit|für|mich|dich|uns|leider|gerade|nächste[nrs]?|woche|januar|februar|märz|montag|dienstag|mittwoch|donnerstag|freitag|uhr|grüße|melde)(?![\p{L}])/giu,
  es: /(?<![\p{L}])(?:sí|gracias|pero|ahora|claro|con|para|muy|hola|gusto|puedo|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|lunes|martes|miércoles|jueves|viernes|semana|próxima?|después|escríbeme|momento)(?![\p{L}])/giu,
};

/** Languages detected in the text besides English (which is always assumed). */
export function detectLanguages(text: string): Set<Language> {
  const found = new Set<Language>(["en"]);
  const sample = text.slice(0, 5000);
  for (const [lang, re] of Object.entries(MARKERS) as [Exclude<Language, "en">, RegExp][]) {
    let n = 0;
    for (const _ of sample.matchAll(re)) if (++n >= 2) break;
    if (n >= 2 || (n === 1 && sample.length < 60)) found.add(lang);
  }
  return found;
}
