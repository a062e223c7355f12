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

describe("offsetMinutesAt", () => {
  it("is exact within an hour that holds a change of offset", () => {
    // Adelaide leaves daylight saving at 03:00 local (UTC+10:30) on 5 April 2026: 16:30 UTC.
    const at = (iso: string) => offsetMinutesAt("Australia/Adelaide", new Date(iso));
    expect(at("2026-04-04T16:45:00Z")).toBe(570);
    expect(at("2026-04-04T16:29:59.999Z")).toBe(630);
    expect(at("2026-04-04T16:30:00Z")).toBe(570);
    expect(at("2026-04-04T16:00:00Z")).toBe(630);
    // The hours on either side are whole, and read the same each time.
    expect(at("2026-04-04T15:59:59Z")).toBe(630);
    expect(at("2026-04-04T17:00:00Z")).toBe(570);
    expect(at("2026-04-04T15:10:00Z")).toBe(630);
  });

  it("agrees with Intl at any instant in any likely zone, asked in any order", () => {
    const zones = ["America/St_Johns", "Asia/Kathmandu", "Australia/Adelaide", "Europe/London"];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }),
        (zone, at) => {
          const name = new Intl.DateTimeFormat("en-US", {
            timeZone: zone,
            timeZoneName: "longOffset",
          })
            .formatToParts(at)
            .find((p) => p.type === "timeZoneName")?.value;
          const m = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name ?? "");
          const minutes = m?.[1] ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
          expect(offsetMinutesAt(zone, at)).toBe(minutes);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
