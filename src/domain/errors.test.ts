import { describe, expect, it } from "vitest";
import { VouchError } from "./errors.ts";
import { newIntro } from "./intro.ts";
import { parsePerson } from "./person.ts";

const input = {
  requester: { name: "Alice", email: "alice@example.com" },
  introducer: { name: "Jane", email: "jane@example.com" },
  target: { name: "Maya", email: "maya@example.com" },
  requestText: "Hi Maya, …",
};
const ids = { id: "in_1", threadToken: "t" };
const caught = (f: () => unknown): VouchError => {
  try {
    f();
  } catch (e) {
    if (e instanceof VouchError) return e;
    throw e;
  }
  throw new Error("no error");
};

describe("user-facing error messages", () => {
  it("name fields in plain words and start with a capital, keeping the field for machines", () => {
    const e = caught(() =>
      newIntro({ ...input, introducer: { name: "Jane", email: "jane@" } }, ids, new Date()),
    );
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.details.field).toBe("introducer.email");
    expect(e.message).toMatch(/^The introducer's email address is not valid/);
    expect(e.message).not.toContain("introducer.email");

    const empty = caught(() =>
      newIntro({ ...input, target: { name: "  ", email: null } }, ids, new Date()),
    );
    expect(empty.details.field).toBe("target.name");
    expect(empty.message).toMatch(/^The target's name /);

    const same = caught(() =>
      newIntro({ ...input, target: { name: "Maya", email: "alice@example.com" } }, ids, new Date()),
    );
    expect(same.message).toMatch(/^The requester, the introducer and the target must be/);
  });

  it("start with a capital whatever the thrower wrote", () => {
    expect(new VouchError("INVALID_INPUT", "something is off").message).toBe("Something is off");
    // What the person typed on the command line stays as they typed it.
    expect(caught(() => parsePerson("alice", "--requester")).message).toMatch(/^--requester /);
  });
});
