import { describe, expect, it } from "vitest";
import { findDates, findProposedTimes } from "./find-dates.ts";

// Friday 20 November 2026, 11:00 in Paris (UTC+1).
const now = new Date("2026-11-20T10:00:00Z");
const paris = { now, offsetMinutes: 60 };
const starts = (text: string, ref = paris) => findDates(text, ref).map((d) => d.start);

describe("findDates", () => {
  it("gives times in the writer's own offset", () => {
    expect(findDates("Thursday at 9am works", paris)).toEqual([
      {
        text: "Thursday at 9am",
        index: 0,
        start: "2026-11-26T09:00:00+01:00",
        end: null,
        hasTime: true,
        hasDay: true,
      },
    ]);
    expect(starts("Thursday at 9am", { now, offsetMinutes: -300 })).toEqual([
      "2026-11-26T09:00:00-05:00",
    ]);
  });

  it("reads ranges", () => {
    expect(findDates("Tue 2-3pm?", paris)[0]).toMatchObject({
      start: "2026-11-24T14:00:00+01:00",
      end: "2026-11-24T15:00:00+01:00",
    });
  });

  it.each([
    ["ping me after the holidays", "2027-01-05"],
    ["try me in January", "2027-01-01"],
    ["probably mid-February", "2027-02-15"],
    ["after the 15th of next month", "2026-12-15"],
    ["can we push this to next quarter?", "2027-01-01"],
    ["after Q1", "2027-04-01"],
    ["after the summer", "2027-09-01"],
    ["ping me next year", "2027-01-01"],
    ["busy until Dec 15", "2026-12-15"],
    ["in two weeks", "2026-12-04"],
    ["recontacte-moi en janvier", "2027-01-01"],
    ["relance-moi après les fêtes", "2027-01-05"],
    ["melde dich bitte im Januar", "2027-01-01"],
    ["nach den Feiertagen gerne", "2027-01-05"],
    ["Mitte März", "2027-03-15"],
    ["escríbeme en enero", "2027-01-01"],
    ["después de las fiestas", "2027-01-05"],
    ["a mediados de febrero", "2027-02-15"],
  ])("%s → %s", (text, date) => {
    expect(starts(text)).toEqual([date]);
  });

  it("leaves out what only looks like a date", () => {
    expect(
      starts("Not right now. I sat with her at lunch; may I ask what a 20 min call is about?"),
    ).toEqual([]);
    expect(starts("book https://calendly.com/maya/20min")).toEqual([]);
  });

  it("returns nothing for an invalid reference date", () => {
    expect(findDates("Thursday at 9am", { now: new Date(Number.NaN) })).toEqual([]);
  });
});

describe("findProposedTimes", () => {
  it("keeps days and times, not months or seasons", () => {
    const times = findProposedTimes(
      "Thursday at 9am or any day next week; not January though.",
      now,
      60,
    );
    expect(times.map((t) => t.text)).toEqual(["Thursday at 9am", "next week"]);
  });

  it("reads a reply from the seed: 'this Thursday at 9am'", () => {
    expect(
      findProposedTimes("Looking forward to meeting you this Thursday at 9am.", now)[0]?.start,
    ).toBe("2026-11-26T09:00:00+00:00");
  });

  it("reads a time after a daylight-saving change as the writer's wall-clock time", () => {
    // Written in New York in winter (-05:00) for a day after the clocks go forward (-04:00).
    const winter = new Date("2027-03-01T14:00:00Z");
    const text = "How about Thursday March 18 at 10am?";
    expect(findProposedTimes(text, winter, -300)[0]?.start).toBe("2027-03-18T10:00:00-05:00");
    expect(findProposedTimes(text, winter, -300, "America/New_York")[0]?.start).toBe(
      "2027-03-18T10:00:00-04:00",
    );
    // A zone whose offset is not the writer's now is not theirs: the offset is kept.
    expect(findProposedTimes(text, winter, -300, "Europe/Paris")[0]?.start).toBe(
      "2027-03-18T10:00:00-05:00",
    );
  });
});
