import { describe, expect, it } from "vitest";
import { findProposedTimes } from "./find-dates.ts";
import { matchProposedSlot } from "./match-proposed-slot.ts";

// Tuesday 1 Dec 2026, 10:00 in New York; Alice proposed Thursday 09:00 and Friday 14:00 there.
const now = new Date("2026-12-01T15:00:00Z");
const THU = "2026-12-03T14:00:00Z";
const FRI = "2026-12-04T19:00:00Z";
const NY = "America/New_York";

const match = (reply: string, proposed = [THU, FRI], zone: string | number = NY) =>
  matchProposedSlot(findProposedTimes(reply, now, -300, NY), proposed, zone, now);

describe("matchProposedSlot", () => {
  it("settles the one proposed slot on the day the reply names", () => {
    expect(match("Thursday works for me!")).toBe(THU);
    expect(match("Friday is perfect, see you then")).toBe(FRI);
    expect(match("Let's do Dec 4")).toBe(FRI);
  });

  it("settles the one proposed slot at the hour the reply names", () => {
    expect(match("9am works great")).toBe(THU);
    expect(match("2pm sounds good")).toBe(FRI);
  });

  it("needs day and hour to fit when both are named", () => {
    expect(match("Thursday at 9 works")).toBe(THU);
    expect(match("Thursday at 2pm works")).toBeNull();
  });

  it("settles nothing when the day has two slots, none, or the slot has passed", () => {
    expect(match("Thursday works", [THU, "2026-12-03T20:00:00Z"])).toBeNull();
    expect(match("Wednesday works")).toBeNull();
    expect(match("Thursday works", [THU], NY)).toBe(THU);
    expect(
      matchProposedSlot(findProposedTimes("Thursday works", now, -300), [THU], -300, new Date(FRI)),
    ).toBeNull();
    expect(match("Sounds good, thanks!")).toBeNull();
  });

  it("reads the day where the writer is, by their offset when no zone is known", () => {
    // 02:00Z on Friday is still Thursday evening in New York.
    const late = "2026-12-04T02:00:00Z";
    expect(match("Thursday evening works", [late, FRI])).toBe(late);
    expect(
      matchProposedSlot(findProposedTimes("Thursday works", now, -300), [late, FRI], -300, now),
    ).toBe(late);
    expect(
      matchProposedSlot(findProposedTimes("Thursday works", now, 0), [late, FRI], 0, now),
    ).toBeNull();
  });
});
