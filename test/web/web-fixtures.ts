// The seed request as composer fields, and a hostile payload to put in every one of them.
import type { WebClient } from "./support.ts";

export const XSS = `<script>alert(1)</script>"'><img src=x onerror=alert(2)>`;

export function seedFields(extra: Record<string, string> = {}): Record<string, string> {
  return {
    yourName: "Alice",
    introducerName: "Jane",
    introducerEmail: "jane@example.com",
    targetName: "Maya",
    targetEmail: "maya@example.com",
    targetRole: "Engineering manager",
    targetCompanies: "Snapchat, Instagram, SpaceX",
    targetInterests: "",
    targetNotes: "",
    ask: "I'd greatly appreciate a chance to chat with you about building a career in Tech.",
    whyThem:
      "I'm debating between joining a startup or going the big company route. I'd love to understand your experiences at Snapchat, Instagram and SpaceX to help me weigh the trade-offs.",
    nextStep: "Would a quick 20 min coffee work for you this Friday afternoon at, say, 3pm?",
    alternative: "Can also do a phone call / anything you'd prefer.",
    aboutMe: "Full-stack engineer, web and mobile.\nBuilt a note-taking app with dozens of users.",
    links: "https://alicepersonalwebsite.com",
    ...extra,
  };
}

/** Every composer field with the payload added (names keep a readable part for the coach). */
export function hostileFields(): Record<string, string> {
  const f = seedFields();
  return Object.fromEntries(
    Object.entries(f).map(([k, v]) => [k, k.endsWith("Email") ? v : `${v} ${XSS}`]),
  );
}

/** Sends a request from the composer; returns the new intro's id. */
export async function sendRequest(c: WebClient, fields: Record<string, string>): Promise<string> {
  const r = await c.post("/requests/new", { do: "send", ...fields });
  if (r.status !== 303 || !r.location)
    throw new Error(`not sent: ${r.status} ${r.text.match(/class="err"[^<]*>([^<]*)/)?.[1]}`);
  return decodeURIComponent(r.location.replace("/intros/", ""));
}
