// URLs in a reply, and which of them are booking pages. People paste booking links with and
// without "https://", so the known scheduling hosts are also found bare ("cal.com/maya").

/** A link to a booking page, with the service it belongs to. */
export interface SchedulingLink {
  url: string;
  /** e.g. "Calendly", "Cal.com", "Google Calendar appointments". */
  provider: string;
}

const SCHEDULING: { provider: string; test: (host: string, path: string) => boolean }[] = [
  { provider: "Calendly", test: (h) => h === "calendly.com" || h.endsWith(".calendly.com") },
  {
    provider: "Cal.com",
    test: (h) => h === "cal.com" || h === "app.cal.com" || h === "cal.eu" || h === "app.cal.eu",
  },
  { provider: "SavvyCal", test: (h) => h === "savvycal.com" || h.endsWith(".savvycal.com") },
  {
    provider: "HubSpot Meetings",
    test: (h, p) =>
      /^meetings(?:-[a-z0-9]+)?\.hubspot\.com$/.test(h) ||
      (h === "app.hubspot.com" && p.startsWith("/meetings")),
  },
  {
    provider: "Google Calendar appointments",
    test: (h, p) =>
      h === "calendar.app.google" ||
      (h === "calendar.google.com" && /\/(?:appointments|schedules)\b/.test(p)) ||
      (h === "calendar.google.com" && p.startsWith("/calendar/appointments")),
  },
  {
    provider: "Microsoft Bookings",
    test: (h, p) =>
      ((h === "outlook.office365.com" || h === "outlook.office.com") &&
        /\/(?:bookings|bookwithme|book)\b/i.test(p)) ||
      h === "bookings.cloud.microsoft",
  },
  { provider: "zcal", test: (h) => h === "zcal.co" },
  { provider: "TidyCal", test: (h) => h === "tidycal.com" },
  { provider: "YouCanBookMe", test: (h) => h === "youcanbook.me" || h.endsWith(".youcanbook.me") },
  {
    provider: "Acuity Scheduling",
    test: (h) => h.endsWith("acuityscheduling.com") || h.endsWith(".as.me"),
  },
  { provider: "Doodle", test: (h) => h === "doodle.com" || h.endsWith(".doodle.com") },
  { provider: "Chili Piper", test: (h) => h === "chilipiper.com" || h.endsWith(".chilipiper.com") },
  { provider: "OnceHub", test: (h) => h === "oncehub.com" || h.endsWith(".oncehub.com") },
  { provider: "Koalendar", test: (h) => h === "koalendar.com" },
  {
    provider: "Zoho Bookings",
    test: (h) => h.endsWith(".zohobookings.com") || h.endsWith(".zohobookings.eu"),
  },
  { provider: "Reclaim", test: (h, p) => h === "app.reclaim.ai" && p.startsWith("/m/") },
  { provider: "Motion", test: (h, p) => h === "app.usemotion.com" && p.startsWith("/meet") },
  { provider: "Vyte", test: (h) => h === "vyte.in" },
  { provider: "Setmore", test: (h) => h.endsWith(".setmore.com") },
  { provider: "SimplyBook.me", test: (h) => h.endsWith(".simplybook.me") },
  { provider: "Fantastical", test: (h) => h === "fantastical.app" },
];

// Hosts recognised without a scheme: the booking services people name in plain text.
const BARE_HOSTS =
  /(?<![\p{L}\p{N}@./-])((?:app\.)?(?:calendly\.com|cal\.com|savvycal\.com|meetings(?:-[a-z0-9]+)?\.hubspot\.com|calendar\.app\.google|zcal\.co|tidycal\.com|youcanbook\.me|koalendar\.com)\/[^\s<>"'`]+)/giu;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;

function trimUrl(raw: string): string {
  let url = raw;
  for (;;) {
    const last = url.at(-1) ?? "";
    if (".,;:!?'\"»›]}*>".includes(last) && last !== "") {
      url = url.slice(0, -1);
      continue;
    }
    // Keep a ")" that closes a "(" inside the URL (Wikipedia-style paths), drop the others.
    if (last === ")" && (url.match(/\(/g) ?? []).length < (url.match(/\)/g) ?? []).length) {
      url = url.slice(0, -1);
      continue;
    }
    return url;
  }
}

/** All http(s) URLs in the text, in order, without duplicates. "www." links get "https://". */
export function findLinks(text: string): string[] {
  const found: { at: number; url: string }[] = [];
  for (const m of text.matchAll(URL)) {
    const url = trimUrl(m[0]);
    if (url.length < 8) continue;
    found.push({ at: m.index, url: /^www\./i.test(url) ? `https://${url}` : url });
  }
  for (const m of text.matchAll(BARE_HOSTS)) {
    const url = trimUrl(m[1] ?? "");
    if (url.includes("/") && !url.endsWith("/")) found.push({ at: m.index, url: `https://${url}` });
  }
  found.sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of found) {
    const key = f.url.replace(/\/$/, "").toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f.url);
  }
  return out;
}

/** Which booking service a URL belongs to, or null. */
export function schedulingProvider(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new globalThis.URL(url);
  } catch {
    return null;
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, "");
  const path = parsed.pathname;
  const provider = SCHEDULING.find((s) => s.test(host, path))?.provider ?? null;
  // A service's home page ("https://calendly.com") books nothing; a personal sub-domain's does
  // ("https://maya.youcanbook.me").
  const labels = host.split(".");
  const personal =
    labels.length > 2 &&
    !/^(?:app|meetings(?:-[a-z0-9]+)?|calendar|outlook|go|api)$/.test(labels[0] ?? "");
  if ((path === "/" || path === "") && !personal) return null;
  return provider;
}

/** The booking links (Calendly, Cal.com, SavvyCal, HubSpot, Google appointments, …) in the text. */
export function findSchedulingLinks(text: string): SchedulingLink[] {
  const out: SchedulingLink[] = [];
  for (const url of findLinks(text)) {
    const provider = schedulingProvider(url);
    if (provider) out.push({ url, provider });
  }
  return out;
}
