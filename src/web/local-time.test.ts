import { describe, expect, it } from "vitest";
import { fromLocal, longTime, shortTime, toLocalInput } from "./local-time.ts";

describe("fromLocal: a wall-clock time in a zone, as an instant", () => {
  it("uses the offset in force on that day, either side of a change", () => {
    // New York leaves daylight time on 1 November 2026.
    expect(fromLocal("2026-10-30T09:00", "America/New_York")).toMatchObject({
      ok: true,
      iso: "2026-10-30T13:00:00.000Z",
    });
    expect(fromLocal("2026-11-02T09:00", "America/New_York")).toMatchObject({
      ok: true,
      iso: "2026-11-02T14:00:00.000Z",
      ambiguous: false,
    });
    // Sydney enters daylight time on 4 October 2026 (southern hemisphere).
    expect(fromLocal("2026-10-05T09:00", "Australia/Sydney")).toMatchObject({
      iso: "2026-10-04T22:00:00.000Z",
    });
    expect(fromLocal("2026-12-03 09:00", "UTC")).toMatchObject({ iso: "2026-12-03T09:00:00.000Z" });
  });

  it("refuses a time the clocks skip, saying which time exists", () => {
    const r = fromLocal("2026-03-08T02:30", "America/New_York");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/does not exist in America\/New_York.*03:30\?/);
    expect(fromLocal("2026-03-29T02:00", "Europe/Paris").ok).toBe(false);
    expect(fromLocal("2026-10-04T02:59", "Australia/Sydney").ok).toBe(false);
  });

  it("takes the first of a time that happens twice, and says it was ambiguous", () => {
    expect(fromLocal("2026-11-01T01:30", "America/New_York")).toEqual({
      ok: true,
      iso: "2026-11-01T05:30:00.000Z",
      zone: "America/New_York",
      ambiguous: true,
    });
    expect(fromLocal("2026-10-25T02:30", "Europe/Paris")).toMatchObject({
      iso: "2026-10-25T00:30:00.000Z",
      ambiguous: true,
    });
  });

  it("refuses what is not a date-time or not a zone", () => {
    for (const [t, z] of [
      ["tomorrow", "UTC"],
      ["2026-02-30T09:00", "UTC"],
      ["2026-12-03T25:00", "UTC"],
      ["2026-12-03T09:00", "Mars/Olympus"],
      ["2026-12-03T09:00", ""],
    ])
      expect(fromLocal(t ?? "", z ?? "").ok, `${t} ${z}`).toBe(false);
  });
});

describe("showing an instant in the reader's zone", () => {
  it("gives the zone and its offset on that day", () => {
    const t = "2026-11-02T14:00:00.000Z";
    expect(longTime(t, "America/New_York")).toBe(
      "Mon 2 Nov 2026, 09:00 (America/New_York, UTC-05:00)",
    );
    expect(longTime(t, "Europe/Paris")).toBe("Mon 2 Nov 2026, 15:00 (Europe/Paris, UTC+01:00)");
    expect(longTime(t, "UTC")).toBe("Mon 2 Nov 2026, 14:00 (UTC)");
    expect(longTime("2026-11-01T05:30:00.000Z", "America/New_York")).toContain("01:30");
    expect(longTime("2026-11-01T06:30:00.000Z", "America/New_York")).toContain("UTC-05:00");
    expect(shortTime(t, "Asia/Kolkata")).toBe("2026-11-02 19:30 Asia/Kolkata");
    expect(shortTime(t)).toBe("2026-11-02 14:00 UTC");
    expect(toLocalInput(t, "America/New_York")).toBe("2026-11-02T09:00");
  });
});
