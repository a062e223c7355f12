import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { isVouchError } from "../domain/errors.ts";
import { PROFILE_LIMITS, profileOf, profilePatch } from "../domain/profile.ts";
import { appPage, csrfField } from "./layout.ts";
import { isZone, zoneSelect } from "./local-time.ts";
import { formOf, type Me, type WebEnv } from "./session.ts";
import { normalizeTopics, TOPIC_MAX_LENGTH, TOPICS_MAX, topicsProblem } from "./target-topics.ts";

/** A person's preferences as the page edits them; kept in people.prefs beside the others. */
export interface PagePrefs {
  topics: string;
  monthlyMax: string;
  paused: boolean;
  timeZone: string;
  /** As an introducer: Vouch relays the introduction, or you write it from your own mailbox. */
  introduceFrom: "relay" | "own_mailbox";
  /** The profile: the composer starts a new request's signature and "About me" from it. */
  displayName: string;
  bio: string;
  website: string;
  linkedin: string;
}

export function pagePrefsOf(prefs: Record<string, unknown>): PagePrefs {
  const profile = profileOf(prefs);
  return {
    displayName: profile.displayName ?? "",
    bio: profile.bio ?? "",
    website: profile.website ?? "",
    linkedin: profile.linkedin ?? "",
    topics: Array.isArray(prefs.topics) ? (prefs.topics as unknown[]).map(String).join(", ") : "",
    monthlyMax: typeof prefs.monthlyMax === "number" ? String(prefs.monthlyMax) : "",
    paused: prefs.paused === true,
    introduceFrom: prefs.introduceFrom === "own_mailbox" ? "own_mailbox" : "relay",
    // Until they choose, the zone their mail suggests (see app/time-zone.ts).
    timeZone:
      [prefs.timeZone, prefs.guessedTimeZone].find(
        (z): z is string => typeof z === "string" && isZone(z),
      ) ?? "UTC",
  };
}

function prefsPage(me: Me, csrf: string, p: PagePrefs, o: { saved?: boolean; error?: string }) {
  const bad = !!o.error;
  return appPage(
    me,
    csrf,
    "/preferences",
    "Preferences",
    html`<h1>Preferences</h1>
${o.saved ? html`<p class="ok" role="status">Saved.</p>` : ""}
${bad ? html`<p class="err" role="alert" id="p-error">${o.error}</p>` : ""}
<form method="post" action="/preferences">${csrfField(csrf)}
<fieldset class="box"><legend><strong>Your profile</strong></legend>
<p class="hint">A new request starts with these as your signature and “About me”; you can change them in each request.</p>
<label for="p-name">Your name</label>
<input type="text" id="p-name" name="displayName" maxlength="${PROFILE_LIMITS.displayName}" autocomplete="name" value="${p.displayName}">
<label for="p-bio">One line about you<span class="hint" id="p-bio-hint">e.g. Full-stack engineer, web and mobile. At most ${PROFILE_LIMITS.bio} characters.</span></label>
<input type="text" id="p-bio" name="bio" maxlength="${PROFILE_LIMITS.bio}" aria-describedby="p-bio-hint" value="${p.bio}">
<label for="p-site">Your site<span class="hint" id="p-site-hint">An https:// address</span></label>
<input type="url" id="p-site" name="website" maxlength="${PROFILE_LIMITS.url}" aria-describedby="p-site-hint" placeholder="https://" value="${p.website}">
<label for="p-linkedin">Your LinkedIn page<span class="hint" id="p-linkedin-hint">An https:// address</span></label>
<input type="url" id="p-linkedin" name="linkedin" maxlength="${PROFILE_LIMITS.url}" aria-describedby="p-linkedin-hint" placeholder="https://www.linkedin.com/in/…" value="${p.linkedin}">
</fieldset>
<fieldset class="box"><legend><strong>What intros reach you</strong></legend>
<label for="p-topics">Topics you welcome<span class="hint" id="p-topics-hint">Separated by commas, e.g. careers in tech, climate startups. Up to ${TOPICS_MAX}, each at most ${TOPIC_MAX_LENGTH} characters. Introducers, and people writing a request to you, see them.</span></label>
<input type="text" id="p-topics" name="topics" aria-describedby="p-topics-hint${bad ? " p-error" : ""}"${bad ? html` aria-invalid="true"` : ""} value="${p.topics}">
<label for="p-max">At most this many intro requests a month<span class="hint" id="p-max-hint">Leave empty for no limit</span></label>
<input type="number" id="p-max" name="monthlyMax" min="0" max="100" aria-describedby="p-max-hint" value="${p.monthlyMax}">
<label class="check" for="p-paused"><input type="checkbox" id="p-paused" name="paused" value="yes"${p.paused ? html` checked` : ""}> Pause: no intro requests for now</label>
</fieldset>
<fieldset class="box"><legend><strong>When you introduce people</strong></legend>
<label class="check" for="p-relay"><input type="radio" id="p-relay" name="introduceFrom" value="relay"${p.introduceFrom === "relay" ? html` checked` : ""}> Vouch sends the introduction for me, as “me via Vouch”</label>
<label class="check" for="p-own"><input type="radio" id="p-own" name="introduceFrom" value="own_mailbox"${p.introduceFrom === "own_mailbox" ? html` checked` : ""}> I write it from my own mailbox: after the yes, Vouch sends it to me ready to send, with Vouch in BCC</label>
</fieldset>
<fieldset class="box"><legend><strong>Times</strong></legend>
${zoneSelect("p-zone", "timeZone", p.timeZone, "Your time zone")}
<p class="hint">Meeting times are shown, and entered, in this zone. Until you choose one, Vouch uses the zone your emails are sent from.</p>
</fieldset>
<button type="submit">Save</button>
</form>`,
  );
}

/** Everyone's preferences: their profile, what intros reach them as a target, their time zone. */
export function preferencesPages(deps: AppDeps) {
  const app = new Hono<WebEnv>();
  app.get("/preferences", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const p = pagePrefsOf(await deps.store.getPrefs(me.email));
    return c.html(prefsPage(me, c.get("csrf"), p, { saved: c.req.query("saved") === "1" }));
  });
  app.post("/preferences", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const f = await formOf(c);
    const typed: PagePrefs = {
      topics: f.topics ?? "",
      monthlyMax: f.monthlyMax ?? "",
      paused: f.paused === "yes",
      timeZone: f.timeZone ?? "UTC",
      introduceFrom: f.introduceFrom === "own_mailbox" ? "own_mailbox" : "relay",
      displayName: f.displayName ?? "",
      bio: f.bio ?? "",
      website: f.website ?? "",
      linkedin: f.linkedin ?? "",
    };
    let profile: ReturnType<typeof profilePatch> = {};
    let profileError: string | undefined;
    try {
      profile = profilePatch(typed);
    } catch (e) {
      if (!isVouchError(e)) throw e;
      profileError = `${e.message}.`;
    }
    const topics = typed.topics
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
    const problem = topicsProblem(topics);
    const error = profileError
      ? profileError
      : problem
        ? `Topics you welcome: ${problem.message}${problem.index === undefined ? "" : ` (“${(topics[problem.index] ?? "").slice(0, 40)}”)`}.`
        : !isZone(typed.timeZone)
          ? "Your time zone: choose one from the list."
          : undefined;
    if (error) return c.html(prefsPage(me, c.get("csrf"), typed, { error }), 400);
    const max = Number.parseInt(typed.monthlyMax, 10);
    await deps.store.updatePrefs(
      me.email,
      {
        topics: normalizeTopics(topics),
        monthlyMax: Number.isFinite(max) && max >= 0 ? Math.min(max, 100) : null,
        paused: typed.paused,
        timeZone: typed.timeZone,
        introduceFrom: typed.introduceFrom,
        ...profile,
      },
      deps.now(),
    );
    return c.redirect("/preferences?saved=1", 303);
  });
  return app;
}
