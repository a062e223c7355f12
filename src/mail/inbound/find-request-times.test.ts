import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findRequestTimes } from "./find-request-times.ts";

const SEED = readFileSync(
  fileURLToPath(new URL("../../../test/fixtures/seed-request.txt", import.meta.url)),
  "utf8",
);
// Tuesday 24 November 2026, morning in New York.
const now = new Date("2026-11-24T15:00:00Z");

describe("findRequestTimes", () => {
  it("reads the seed's next step, the day and the hour named apart, in the requester's zone", () => {
    // "this Friday afternoon at your office at, say, 3pm" → Friday 27 November, 15:00 New York.
    expect(findRequestTimes(SEED, now, "America/New_York")).toEqual(["2026-11-27T20:00:00.000Z"]);
  });

  it("takes each time with a day, in order, at most three", () => {
    const text =
      "Could we do a 20-minute call next Tuesday at 10am, or Wednesday Dec 2 at 4pm if that's easier? Thursday at 9, Friday at 11 also work.";
    expect(findRequestTimes(text, now, "Europe/Paris")).toEqual([
      "2026-12-01T09:00:00.000Z",
      "2026-12-02T15:00:00.000Z",
      "2026-11-26T08:00:00.000Z",
    ]);
  });

  it("leaves out a day without an hour, an hour without a day, and times already past", () => {
    expect(findRequestTimes("Any day next week works. Or 3pm.", now, "UTC")).toEqual([]);
    expect(findRequestTimes("How about Friday? I'm free at 3pm most days.", now, "UTC")).toEqual(
      [],
    );
    expect(findRequestTimes("Would Monday 23 November at 10am work?", now, "UTC")).toEqual([]);
    expect(findRequestTimes("Would 23 November 2026 at 10am work?", now, "UTC")).toEqual([]);
  });
});
