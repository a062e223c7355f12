import { describe, expect, it } from "vitest";
import { isReminder, lapsedReminder } from "./reminders.ts";
import { seedIntro } from "./test-helpers.ts";

describe("a queued reminder lapses when its reason has passed", () => {
  it("keeps a follow-up while the target is silent, and cancels it once they reply", () => {
    const silent = seedIntro({ status: "connected", lastTargetReplyAt: null });
    expect(lapsedReminder("follow_up_draft", silent)).toBeNull();
    const answered = seedIntro({ status: "connected", lastTargetReplyAt: "2026-12-05T10:00:00Z" });
    expect(lapsedReminder("follow_up_draft", answered)).toMatch(/^cancelled: .*connected/);
  });

  it("cancels the nudge once the requester replied, and every reminder of a completed intro", () => {
    expect(lapsedReminder("requester_nudge", seedIntro({ status: "introduced" }))).toBeNull();
    expect(lapsedReminder("requester_nudge", seedIntro({ status: "connected" }))).not.toBeNull();
    const done = seedIntro({ status: "completed" });
    for (const t of ["follow_up_draft", "report_reminder", "how_did_it_go", "requester_nudge"])
      expect(lapsedReminder(t, done), t).not.toBeNull();
    expect(lapsedReminder("introducer_reminder", seedIntro({ status: "requested" }))).toBeNull();
    expect(
      lapsedReminder("introducer_reminder", seedIntro({ status: "withdrawn" })),
    ).not.toBeNull();
  });

  it("never cancels the messages an intro cannot go on without", () => {
    for (const t of ["introduction", "consent_request", "meeting_invite_note", "relay"]) {
      expect(isReminder(t)).toBe(false);
      expect(lapsedReminder(t, seedIntro({ status: "completed" }))).toBeNull();
    }
  });
});
