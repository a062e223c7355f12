import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { guessTimeZone, offsetMinutesAt } from "./guess-time-zone.ts";

const JAN = new Date("2027-01-15T12:00:00Z");
const JUL = new Date("2027-07-15T12:00:00Z");

describe("guessTimeZone", () => {
  it("turns a Date header's offset into a zone that follows daylight saving", () => {
    expect(guessTimeZone(-300, JAN)).toBe("America/New_York");
    expect(guessTimeZone(-240, JUL)).toBe("America/New_York");
    expect(guessTimeZone(-300, JUL)).toBe("America/Chicago");
    expect(guessTimeZone(-480, JAN)).toBe("America/Los_Angeles");
    expect(guessTimeZone(-420, JUL)).toBe("America/Los_Angeles");
    expect(guessTimeZone(60, JAN)).toBe("Europe/Paris");
    expect(guessTimeZone(120, JUL)).toBe("Europe/Paris");
    expect(guessTimeZone(60, JUL)).toBe("Europe/London");
    expect(guessTimeZone(0, JAN)).toBe("Europe/London");
    expect(guessTimeZone(330, JAN)).toBe("Asia/Kolkata");
    expect(guessTimeZone(345, JUL)).toBe("Asia/Kathmandu");
    expect(guessTimeZone(660, JAN)).toBe("Australia/Sydney");
    expect(guessTimeZone(600, JUL)).toBe("Australia/Brisbane");
  });

  it("tries the zones the person's correspondents use first", () => {
    expect(guessTimeZone(60, JAN, ["Europe/Berlin"])).toBe("Europe/Berlin");
    expect(guessTimeZone(-300, JAN, ["America/Toronto"])).toBe("America/Toronto");
    // A preferred zone with another offset at that instant is passed over.
    expect(guessTimeZone(-300, JUL, ["America/Toronto"])).toBe("America/Chicago");
    expect(guessTimeZone(60, JAN, ["Not/AZone"])).toBe("Europe/Paris");
  });

  it("falls back to a fixed zone, or UTC, for offsets no likely zone has", () => {
    expect(guessTimeZone(-660, JAN)).toBe("Etc/GMT+11");
    expect(guessTimeZone(17, JAN)).toBe("UTC");
    expect(guessTimeZone(20 * 60, JAN)).toBe("UTC");
  });

  it("always answers a zone whose offset at that instant is the one given, for whole hours", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -11, max: 14 }),
        fc.date({ min: new Date("2000-01-01"), max: new Date("2040-01-01"), noInvalidDate: true }),
        (h, at) => {
          const zone = guessTimeZone(h * 60, at);
          expect(offsetMinutesAt(zone, at)).toBe(h * 60);
        },
      ),
    );
  });
});
