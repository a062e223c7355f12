import { describe, expect, it } from "vitest";
import { isVouchError } from "../domain/errors.ts";
import { DETECT_BYTES, detectFormat, parseContacts } from "./import/index.ts";
import { collect, fixture, thrown } from "./test-helpers.ts";

const head = (name: string) => fixture(name).toString("utf8", 0, DETECT_BYTES);

describe("detectFormat", () => {
  it("tells every export from its first bytes, whatever its name", () => {
    const cases: [string, string][] = [
      ["linkedin-connections.csv", "linkedin"],
      ["google-contacts.csv", "google"],
      ["google-contacts-old.csv", "google"],
      ["outlook-contacts.csv", "outlook"],
      ["apple-contacts.vcf", "vcard"],
      ["google-contacts.vcf", "vcard"],
      ["takeout.mbox", "mbox"],
    ];
    for (const [name, format] of cases) {
      expect([name, detectFormat(head(name), "upload.bin")]).toEqual([name, format]);
    }
  });

  it("falls back on the file's extension, and says null when it cannot tell", () => {
    expect(detectFormat("", "Contacts.VCF")).toBe("vcard");
    expect(detectFormat("\n\n", "All mail Including Spam and Trash.mbox")).toBe("mbox");
    expect(detectFormat("name,phone\nMaya,555\n", "contacts.csv")).toBeNull();
    expect(detectFormat("\u0089PNG\r\n\u001a\n", "photo.png")).toBeNull();
    expect(detectFormat("")).toBeNull();
  });

  it("reads a header row cut by the end of the first bytes only when it is complete", () => {
    expect(
      detectFormat("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"),
    ).toBe("linkedin");
    expect(detectFormat("First Name,Last Name,URL,Email Addr")).toBeNull();
  });
});

describe("parseContacts", () => {
  it("reads each format through one entry, and needs the member's address for an mbox", async () => {
    const items = await collect(parseContacts([fixture("google-contacts.vcf")], "vcard"));
    expect(items.filter((i) => i.kind === "contact")).toHaveLength(3);
    const mbox = await collect(
      parseContacts([fixture("takeout.mbox")], "mbox", { ownerEmails: ["Alice@Alice.example"] }),
    );
    expect(mbox.at(-1)?.kind).toBe("interactions");
    const e = await thrown(() => collect(parseContacts([fixture("takeout.mbox")], "mbox")));
    expect(isVouchError(e) && e.code).toBe("INVALID_INPUT");
  });
});
