import type { StoreTx } from "../store/store.ts";

/** A person's time zone preference, when they set a valid IANA zone; else null. */
export async function timeZonePreference(
  store: Pick<StoreTx, "getPrefs">,
  email: string,
): Promise<string | null> {
  const zone = (await store.getPrefs(email.toLowerCase())).timeZone;
  if (typeof zone !== "string" || !zone) return null;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}
