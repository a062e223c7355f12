import { describe, expect, it } from "vitest";
import { isVouchError } from "../domain/errors.ts";
import { proposeEvent } from "./propose-times-form.ts";

const now = new Date("2026-10-20T12:00:00.000Z");

/** The refusal's field and message, or null when the form is accepted. */
function refusal(f: Record<string, string>) {
  try {
    proposeEvent("requester", f, now);
    return null;
  } catch (e) {
    if (!isVouchError(e)) throw e;
    return { field: e.details?.field, message: e.message };
  }
}

describe("proposeEvent", () => {
  it("skips blank slots, drops repeats and names the field of a refused one", () => {
    expect(
      proposeEvent(
        "target",
        { time1: "", time2: "2026-11-02T09:00", time3: "2026-11-02 09:00", zone: "UTC" },
        now,
      ),
    ).toEqual({ type: "propose_times", actor: "target", times: ["2026-11-02T09:00:00.000Z"] });
    expect(refusal({ time1: "2026-11-02T09:00", time3: "2026-10-20T12:00", zone: "UTC" })).toEqual({
      field: "time3",
      message:
        "Third time: Tue 20 Oct 2026, 12:00 (UTC) has already passed. Propose a time that is still ahead.",
    });
    expect(refusal({ time1: "soon", zone: "UTC" })?.field).toBe("time1");
    expect(refusal({ time1: "2026-11-02T09:00", zone: "UTC", link: "ftp://x.org" })?.field).toBe(
      "link",
    );
  });
});
