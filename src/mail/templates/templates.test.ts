import { describe, expect, it } from "vitest";
import { VouchError } from "../../domain/errors.ts";
import { exampleProps, SEED_EXAMPLES, SEED_REQUEST } from "./examples.ts";
import {
  isTemplateName,
  renderTemplate,
  TEMPLATE_NAMES,
  TEMPLATES,
  type TemplateName,
  type TemplateProps,
} from "./index.ts";
import type { RenderedEmail } from "./types.ts";

/** An email as a reviewer reads it: the subject, then each part. */
function asReceived(email: RenderedEmail): string {
  return `Subject: ${email.subject}\n\n======== text/plain ========\n${email.text}\n======== text/html ========\n${email.html}`;
}

function render<N extends TemplateName>(name: N, props: TemplateProps<N>): RenderedEmail {
  return renderTemplate(name, props);
}

// Variants worth reading on their own, next to each template's main example.
const VARIANTS: { file: string; render: () => RenderedEmail }[] = [
  {
    file: "consent_request.again",
    render: () =>
      render("consent_request", {
        ...SEED_EXAMPLES.consent_request,
        introducerNote: null,
        again: true,
        threadSubject: "Would you like an intro to Alice?",
      }),
  },
  {
    file: "introduction.minimal",
    render: () =>
      render("introduction", {
        ...SEED_EXAMPLES.request_to_introducer,
        threadSubject: SEED_REQUEST.subject,
        blurb: SEED_REQUEST.blurb,
      }),
  },
  {
    file: "requester_nudge.default_next_step",
    render: () => render("requester_nudge", { ...SEED_EXAMPLES.requester_nudge, nextStep: "" }),
  },
  {
    file: "follow_up_draft.2",
    render: () => render("follow_up_draft", { ...SEED_EXAMPLES.follow_up_draft, number: 2 }),
  },
  {
    file: "introducer_reminder.2",
    render: () =>
      render("introducer_reminder", { ...SEED_EXAMPLES.introducer_reminder, number: 2 }),
  },
  {
    file: "report_reminder.2",
    render: () => render("report_reminder", { ...SEED_EXAMPLES.report_reminder, number: 2 }),
  },
  {
    file: "expired_to_requester.target",
    render: () =>
      render("expired_to_requester", {
        ...SEED_EXAMPLES.expired_to_requester,
        waitingOn: "target",
      }),
  },
  {
    file: "expired_to_requester.requester",
    render: () =>
      render("expired_to_requester", {
        ...SEED_EXAMPLES.expired_to_requester,
        waitingOn: "requester",
      }),
  },
  {
    file: "expired_to_introducer.introducer",
    render: () =>
      render("expired_to_introducer", {
        ...SEED_EXAMPLES.expired_to_introducer,
        waitingOn: "introducer",
      }),
  },
  {
    file: "unclear_reply_ask_again.unverified",
    render: () =>
      render("unclear_reply_ask_again", {
        ...SEED_EXAMPLES.unclear_reply_ask_again,
        reason: "unverified",
      }),
  },
  {
    file: "meeting_invite_note.standalone",
    render: () =>
      render("meeting_invite_note", {
        ...SEED_EXAMPLES.meeting_invite_note,
        threadSubject: undefined,
        meetingUrl: undefined,
      }),
  },
  {
    file: "proposed_times.links_only",
    render: () =>
      render("proposed_times", {
        ...SEED_EXAMPLES.proposed_times,
        slots: [],
        links: [
          "https://cal.com/alice/30",
          "https://calendly.com/alice/coffee?month=2026-12&tz=UTC",
        ],
      }),
  },
  {
    file: "intake_problem.no_introducer",
    render: () =>
      render("intake_problem", {
        ...SEED_EXAMPLES.intake_problem,
        originalSubject: "",
        problems: ["no_introducer"],
      }),
  },
];

describe("readable snapshots (the seed's people)", () => {
  it.each(TEMPLATE_NAMES)("%s", async (name) => {
    const email = render(name, SEED_EXAMPLES[name] as TemplateProps<typeof name>);
    await expect(asReceived(email)).toMatchFileSnapshot(`__snapshots__/${name}.txt`);
  });

  it.each(VARIANTS.map((v) => [v.file, v.render] as const))("%s", async (file, fn) => {
    await expect(asReceived(fn())).toMatchFileSnapshot(`__snapshots__/${file}.txt`);
  });
});

describe("the seed's emails", () => {
  it("the request reads as the seed's: the line to Jane on top, then the blurb to Maya", () => {
    const email = render("request_to_introducer", SEED_EXAMPLES.request_to_introducer);
    expect(email.subject).toBe("REQUEST: intro Maya <> Alice");
    expect(
      email.text.startsWith(`${SEED_REQUEST.noteToIntroducer}\n\n${SEED_REQUEST.blurb}\n\n`),
    ).toBe(true);
    // Vouch's part comes after the request, never before it.
    const vouchPart = email.text.slice(email.text.indexOf("https://alicepersonalwebsite.com"));
    for (const words of [
      "Ask Maya: ",
      "Ask Alice for changes: ",
      "Decline kindly: ",
      "just reply",
    ]) {
      expect(vouchPart).toContain(words);
    }
    expect(vouchPart).toContain("Alice's track record: 2 intros completed");
    expect(vouchPart).toContain("Maya has been asked for 1 intro through Vouch lately.");
    expect(email.html).toContain("Hey Maya,");
    expect(email.html).toContain("dozens of active users: &lt;&gt;.");
  });

  it("the introduction is short and warm: Maya, meet Alice… Alice, meet Maya…", () => {
    const { text, subject } = render("introduction", SEED_EXAMPLES.introduction);
    expect(subject).toBe("Re: REQUEST: intro Maya <> Alice");
    expect(text).toMatch(
      /^Maya, meet Alice\. .+\n\nAlice, meet Maya\. .+\n\nI'll let you two take it from here\.\n\nJane\n\n-- \n/,
    );
  });

  it("the nudge carries the seed's reply, moving Jane to BCC", () => {
    const email = render("requester_nudge", SEED_EXAMPLES.requester_nudge);
    const reply =
      "Thanks for the intro Jane (moved to BCC).\n\nThanks Maya. I sent an invite through Calendly. Looking forward to meeting you this Thursday at 9am.\n\n-- Alice";
    expect(email.text).toContain(`----\n${reply}\n----`);
    const href = /href="(mailto:[^"]+)"/.exec(email.html)?.[1]?.replaceAll("&amp;", "&");
    const url = new URL(href ?? "");
    expect(url.pathname).toBe("maya@example.com");
    expect(url.searchParams.get("bcc")).toBe("intros+k7qw2x@vouch.example.com");
    expect(url.searchParams.get("subject")).toBe("Re: REQUEST: intro Maya <> Alice");
    expect(url.searchParams.get("body")).toBe(reply.replaceAll("\n", "\r\n"));
  });

  it("the first follow-up is the seed's; the second is gentler and says it is the last", () => {
    const first = render("follow_up_draft", SEED_EXAMPLES.follow_up_draft);
    expect(first.text).toContain(
      "Hey Maya, I'm sure you're really busy. Just checking to see if you'd be able to spare a little bit of time in the coming weeks, would really appreciate it!",
    );
    expect(first.text).toContain("Has Maya replied?\n\nYes, we're talking: https://");
    expect(first.text).toContain("\nNot yet: https://");
    const second = render("follow_up_draft", { ...SEED_EXAMPLES.follow_up_draft, number: 2 });
    expect(second.subject).toMatch(/last/i);
    expect(second.text).toContain("This is my last nudge");
    expect(second.text).toContain("the last one we'll suggest");
  });
});

describe("privacy", () => {
  it("the target's decline reason never reaches the requester", () => {
    const secret = "heads-down on a launch until March";
    // Even a caller that wrongly passes the reason along cannot make the template show it.
    const props = { ...SEED_EXAMPLES.target_declined_to_requester, reason: secret };
    const email = render("target_declined_to_requester", props);
    for (const part of [email.subject, email.text, email.html]) {
      expect(part).not.toContain(secret);
      expect(part).not.toMatch(/reason|busy|launch/i);
    }
    // …while the introducer does see it.
    const toJane = render(
      "target_declined_to_introducer",
      SEED_EXAMPLES.target_declined_to_introducer,
    );
    expect(toJane.text).toContain("I'm heads-down on a launch until March");
  });

  it("the consent request never contains the requester's email address", () => {
    const props = {
      ...SEED_EXAMPLES.consent_request,
      requester: { name: "Alice", email: "alice@example.com" },
    };
    const email = render("consent_request", props);
    for (const part of [email.subject, email.text, email.html]) {
      expect(part).not.toContain("alice@example.com");
      expect(part).not.toContain("alice%40example.com");
    }
    expect(email.text).toContain("Alice doesn't have your email address");
  });

  it("only the introducer hears the target's answer to how it went", () => {
    const email = render("how_was_it_target", SEED_EXAMPLES.how_was_it_target);
    expect(email.text).toContain("only Jane sees it, never Alice");
  });
});

describe("hostile names and text are escaped in every HTML part", () => {
  // No spaces, so that greetings (which use the first word of a name) carry all of it too.
  const HOSTILE = `<script>alert(1)</script>"quoted"'single'Tom&Jerry\u202Egnp.exe🦄`;
  const ESCAPED =
    "&lt;script&gt;alert(1)&lt;/script&gt;&quot;quoted&quot;&#39;single&#39;Tom&amp;Jerry&#x202E;gnp.exe🦄";
  const hostile = exampleProps({
    requester: HOSTILE,
    introducer: HOSTILE,
    target: HOSTILE,
    say: () => HOSTILE,
    write: () => `${HOSTILE}\n\n${HOSTILE}\n${HOSTILE}`,
    url: (action) => `https://vouch.example.com/a/${action}?x="><script>alert(2)</script>&y='`,
  });

  it.each(TEMPLATE_NAMES)("%s", (name) => {
    const email = render(name, hostile[name] as TemplateProps<typeof name>);
    expect(email.html).not.toMatch(/<script/i);
    expect(email.html).not.toContain("\u202E");
    expect(email.html).not.toContain(`"quoted"`);
    expect(email.html).not.toContain("&Jerry");
    expect(email.html).toContain(ESCAPED);
    // The plain-text part is not HTML: it shows the text as typed (fenced in a bidi isolate).
    expect(email.text).toContain(`\u2068${HOSTILE}\u2069`);
    expect(email.text).not.toContain("&lt;");
    expect(email.subject).not.toMatch(/[\r\n]/);
  });
});

describe("scheduling links in proposed times", () => {
  const withLinks = (links: string[], slots = SEED_EXAMPLES.proposed_times.slots) =>
    render("proposed_times", { ...SEED_EXAMPLES.proposed_times, slots, links });

  it("are offered beside the confirm buttons, spelled out in text and linked in HTML", () => {
    const email = withLinks(["https://cal.com/alice/30"]);
    expect(email.text).toContain(
      "Or pick a time on Alice's scheduling page: https://cal.com/alice/30\n",
    );
    expect(email.html).toMatch(
      /<a href="https:\/\/cal\.com\/alice\/30"[^>]*>https:\/\/cal\.com\/alice\/30<\/a>/,
    );
  });

  it("alone make an email with no confirm buttons", () => {
    const email = withLinks(["https://cal.com/alice/30"], []);
    expect(email.text).toContain("Alice would like to find a time to meet.");
    expect(email.text).toContain(
      "Pick one that suits you on Alice's scheduling page: https://cal.com/alice/30",
    );
    expect(email.text).not.toContain("Confirm");
    expect(email.text).not.toContain("suggested");
    expect(email.html).not.toContain("/a/confirm-");
  });

  it("are escaped, and only http(s) ones become links", () => {
    const hostile = `https://cal.com/alice?x="><script>alert(2)</script>&y='`;
    const email = withLinks([hostile, "javascript:alert(1)", "http://cal.example.com/a"]);
    expect(email.html).not.toMatch(/<script/i);
    expect(email.html).toContain(
      'href="https://cal.com/alice?x=&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;&amp;y=&#39;"',
    );
    expect(email.html).not.toMatch(/href="javascript/i);
    expect(email.html).toContain('<li style="margin:0 0 4px 0;">javascript:alert(1)</li>');
    expect(email.html).toContain('href="http://cal.example.com/a"');
    // The text part shows each as given.
    expect(email.text).toContain(`- ${hostile}\n- javascript:alert(1)\n`);
  });
});

describe("all templates", () => {
  it("are pure: the same props give the same email", () => {
    for (const name of TEMPLATE_NAMES) {
      const props = SEED_EXAMPLES[name] as TemplateProps<typeof name>;
      expect(render(name, props)).toEqual(render(name, props));
    }
  });

  it("have a plain-text and a responsive single-column HTML part", () => {
    for (const name of TEMPLATE_NAMES) {
      const email = render(name, SEED_EXAMPLES[name] as TemplateProps<typeof name>);
      expect(email.text.trim().length).toBeGreaterThan(40);
      expect(email.text).not.toMatch(/<[a-z]/);
      expect(email.html).toContain(
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
      );
      expect(email.html).toContain("max-width:600px");
      expect(email.html).toContain('<meta charset="utf-8">');
    }
  });

  it("keep the thread's subject stable: one Re:, however often it is answered", () => {
    const threaded: TemplateName[] = [
      "changes_requested",
      "introducer_declined_notice",
      "target_declined_to_requester",
      "expired_to_requester",
      "stalled_notice",
      "withdrawn_notice",
      "introducer_reminder",
      "requester_revise_reminder",
      "report_back_to_introducer",
      "introduction",
    ];
    for (const name of threaded) {
      const props = {
        ...(SEED_EXAMPLES[name] as TemplateProps<typeof name>),
        threadSubject: "Re: RE: REQUEST: intro Maya <> Alice",
      };
      expect(render(name, props).subject).toBe("Re: REQUEST: intro Maya <> Alice");
    }
  });

  it("show the unsubscribe link only when one is given", () => {
    const withLink = render("stalled_notice", SEED_EXAMPLES.stalled_notice);
    expect(withLink.text).toContain(
      "Unsubscribe or change your email preferences: https://vouch.example.com/a/preferences-7Hq2vX9c",
    );
    expect(withLink.html).toContain('href="https://vouch.example.com/a/preferences-7Hq2vX9c"');
    const without = render("stalled_notice", {
      ...SEED_EXAMPLES.stalled_notice,
      unsubscribeUrl: undefined,
    });
    expect(without.text).not.toContain("Unsubscribe");
    expect(without.html).not.toContain("Unsubscribe");
  });

  it("refuse a link that is not http(s) or mailto", () => {
    const props = {
      ...SEED_EXAMPLES.changes_requested,
      reviseUrl: "javascript:alert(1)",
    };
    expect(() => render("changes_requested", props)).toThrow(VouchError);
  });

  it("refuse a subject with a line break", () => {
    const props = {
      ...SEED_EXAMPLES.request_to_introducer,
      subject: "REQUEST: intro Maya <> Alice\r\nBcc: everyone@example.com",
    };
    expect(() => render("request_to_introducer", props)).toThrow(
      expect.objectContaining({ code: "HEADER_INJECTION" }),
    );
  });

  it("know their own names", () => {
    expect(isTemplateName("consent_request")).toBe(true);
    expect(isTemplateName("toString")).toBe(false);
    expect(Object.keys(TEMPLATES)).toHaveLength(33);
  });
});
