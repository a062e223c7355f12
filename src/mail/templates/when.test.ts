import { describe, expect, it } from "vitest";
import { formatDay, formatMeetingTime, formatSlot } from "./when.ts";

describe("formatDay", () => {
  it("states a bare date as the calendar day it names, whatever the zone", () => {
    expect(formatDay("2027-01-11")).toBe("Monday 11 January 2027");
    expect(formatDay("2027-01-11", "America/Los_Angeles")).toBe("Monday 11 January 2027");
  });

  it("states an instant in the given zone", () => {
    expect(formatDay("2027-01-11T03:00:00Z", "America/Los_Angeles")).toBe("Sunday 10 January 2027");
  });

  it("refuses a bad date or zone with INVALID_INPUT", () => {
    expect(() => formatDay("next Tuesday")).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
    expect(() => formatDay("2027-01-11", "Mars/Olympus")).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
  });
});

describe("formatMeetingTime", () => {
  it("gives the day, a 24-hour range and the zone", () => {
    expect(formatMeetingTime("2026-12-03T09:00:00Z", "2026-12-03T09:30:00Z", "Europe/London")).toBe(
      "Thursday 3 December 2026, 09:00–09:30 (Europe/London time)",
    );
    expect(formatMeetingTime("2026-07-03T08:00:00Z", "2026-07-03T08:45:00Z", "Europe/Paris")).toBe(
      "Friday 3 July 2026, 10:00–10:45 (Europe/Paris time)",
    );
  });

  it("names the end day when the meeting runs past midnight", () => {
    expect(formatMeetingTime("2026-12-03T23:30:00Z", "2026-12-04T00:30:00Z", "UTC")).toBe(
      "Thursday 3 December 2026, 23:30–Friday 4 December 2026, 00:30 (UTC time)",
    );
  });
});

describe("formatSlot", () => {
  it("states a start short enough for a button, in the given zone", () => {
    expect(formatSlot("2026-12-03T14:00:00Z", "America/New_York")).toBe("Thu 3 Dec, 09:00");
    expect(formatSlot("2027-09-01T23:30:00Z", "Asia/Tokyo")).toBe("Thu 2 Sep, 08:30");
  });
});
