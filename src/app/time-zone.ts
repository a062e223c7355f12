import { guessTimeZone, offsetMinutesAt } from "../domain/guess-time-zone.ts";
import type { Store, StoreTx } from "../store/store.ts";

/** `zone` when it is an IANA zone this runtime knows; else null. */
export function knownZone(zone: unknown): string | null {
  if (typeof zone !== "string" || !zone || zone.length > 64) return null;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

/**
 * A person's time zone: the IANA zone they set (`timeZone`), else the one guessed from the Date
 * headers of their mail (`guessedTimeZone`, see rememberTimeZoneGuess); null when neither is known.
 */
export async function timeZonePreference(
  store: Pick<StoreTx, "getPrefs">,
  email: string,
): Promise<string | null> {
  const prefs = await store.getPrefs(email.toLowerCase());
  return knownZone(prefs.timeZone) ?? knownZone(prefs.guessedTimeZone);
}

/**
 * For a person who has not set a zone, guesses one from a message they sent (its Date header's
 * offset at its date; the other participants' zones are tried first) and remembers it, so every
 * later time shown to them, invite included, follows their daylight-saving changes. Returns the
 * person's zone: the one they set, else the guess; null when the message carries no offset.
 */
export async function rememberTimeZoneGuess(
  store: Pick<Store, "getPrefs" | "updatePrefs">,
  email: string,
  sent: { offsetMinutes: number | null; at: Date },
  others: string[],
  now: Date,
): Promise<string | null> {
  const prefs = await store.getPrefs(email.toLowerCase());
  const set = knownZone(prefs.timeZone);
  if (set) return set;
  const kept = knownZone(prefs.guessedTimeZone);
  if (sent.offsetMinutes === null) return kept;
  // The zone guessed before still explains this message: nothing to look up or write.
  if (kept && offsetMinutesAt(kept, sent.at) === sent.offsetMinutes) return kept;
  const preferred: string[] = [];
  for (const o of others) {
    const zone = await timeZonePreference(store, o);
    if (zone) preferred.push(zone);
  }
  const guess = guessTimeZone(sent.offsetMinutes, sent.at, preferred);
  if (prefs.guessedTimeZone !== guess)
    await store.updatePrefs(email.toLowerCase(), { guessedTimeZone: guess }, now);
  return guess;
}
