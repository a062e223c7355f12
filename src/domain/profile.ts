import { VouchError } from "./errors.ts";
import { headerText, LIMITS } from "./text-limits.ts";

/**
 * A person's profile, kept with their preferences (people.prefs): the composer starts a new
 * request's signature and "About me" from it. Every field is optional; null clears it.
 */
export const PROFILE_LIMITS = { displayName: LIMITS.name, bio: 200, url: 300 } as const;

export const PROFILE_FIELDS = ["displayName", "bio", "website", "linkedin"] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type Profile = Record<ProfileField, string | null>;

/** An https URL of at most 300 characters, without spaces or control characters. */
export function httpsUrl(text: string, field: string): string {
  const t = text.trim();
  if (t.length > PROFILE_LIMITS.url)
    throw new VouchError(
      "INVALID_INPUT",
      `The ${field} field is too long: at most ${PROFILE_LIMITS.url} characters (it has ${t.length})`,
      { field, limit: PROFILE_LIMITS.url },
    );
  let url: URL | null = null;
  try {
    url = /[\s\p{Cc}]/u.test(t) ? null : new URL(t);
  } catch {
    url = null;
  }
  const https = url?.protocol === "https:" && !!url.hostname && !url.username && !url.password;
  if (!https)
    throw new VouchError("INVALID_INPUT", `The ${field} field must be an https:// address`, {
      field,
    });
  return t;
}

/**
 * One profile field, checked and normalized: the name one line of visible characters (at most
 * 120), the bio one line (at most 200), each link an https URL (at most 300). Empty is null.
 */
export function profileValue(field: ProfileField, value: string | null): string | null {
  if (value === null || !value.trim()) return null;
  switch (field) {
    case "displayName":
      return headerText(value, field, PROFILE_LIMITS.displayName) || null;
    case "bio":
      return headerText(value, field, PROFILE_LIMITS.bio) || null;
    case "website":
    case "linkedin":
      return httpsUrl(value, field);
  }
}

/** The profile fields a patch sets (others untouched), checked; throws INVALID_INPUT. */
export function profilePatch(patch: Partial<Record<ProfileField, string | null | undefined>>) {
  const out: Partial<Profile> = {};
  for (const f of PROFILE_FIELDS) {
    const v = patch[f];
    if (v !== undefined) out[f] = profileValue(f, v);
  }
  return out;
}

/** The profile as stored in the preferences (anything else reads as unset). */
export function profileOf(prefs: Record<string, unknown>): Profile {
  const s = (x: unknown) => (typeof x === "string" && x ? x : null);
  return {
    displayName: s(prefs.displayName),
    bio: s(prefs.bio),
    website: s(prefs.website),
    linkedin: s(prefs.linkedin),
  };
}
