import { describe, expect, it } from "vitest";
import { isVouchError } from "../domain/errors.ts";
import { parseVcard } from "./import/vcard.ts";
import { chunked, collect, fixture, split, summary, thrown } from "./test-helpers.ts";

describe("vCard", () => {
  it("reads Apple's 3.0 export: groups, folded lines, quoted-printable, escaped commas, no PHOTO", async () => {
    const { contacts, skips } = split(
      await collect(parseVcard(chunked(fixture("apple-contacts.vcf"), [11]))),
    );
    expect(contacts).toEqual([
      {
        line: 1,
        source: "vcard",
        name: "Maya Okafor",
        emails: ["maya@northwind.example", "maya.okafor@gmail.com"],
        company: "Northwind Robotics",
        position: "VP Engineering",
        url: "https://maya.dev",
        connectedOn: null,
      },
      {
        line: 28,
        source: "vcard",
        name: "Bob Lindqvist",
        emails: ["bob.lindqvist@example.com"],
        company: "Fabrikam, Inc.",
        position: "Head of Partnerships",
        url: null,
        connectedOn: null,
      },
      {
        line: 44,
        source: "vcard",
        name: "Jürgen Müller von und zu Hohenzollern-Sigmaringen",
        emails: ["juergen@mueller.example"],
        company: null,
        position: null,
        url: null,
        connectedOn: null,
      },
    ]);
    expect(skips).toEqual([
      { line: 38, reason: "No name and no email address: there is nobody to import" },
      {
        line: 44,
        reason: '"juergen at mueller dot example" is not a valid email address, so it was left out',
      },
    ]);
  });

  it("reads Google's 4.0 export, a name from N when there is no FN, and passes over unknown lines", async () => {
    const { contacts, skips } = split(await collect(parseVcard([fixture("google-contacts.vcf")])));
    expect(summary(contacts)).toEqual([
      [
        1,
        "Priya Raman",
        ["priya@adatum.example", "priya.r@gmail.com"],
        "Adatum Corporation",
        "CTO",
        "https://priya.example",
      ],
      [14, "Tomás García", ["tomas@garcia.example"], "Litware, Inc.", null, null],
      [22, "Kenji Nakamura", ["kenji@nakamura.example"], null, null, null],
    ]);
    expect(skips).toEqual([]);
  });

  it("gives the same items however the file is cut, and again on a re-parse", async () => {
    const bytes = fixture("apple-contacts.vcf");
    const whole = split(await collect(parseVcard([bytes])));
    for (const sizes of [[1], [2, 3], [4096]]) {
      expect(split(await collect(parseVcard(chunked(bytes, sizes))))).toEqual(whole);
    }
  });

  it("keeps a card whose EMAIL line is broken, reporting the line; drops an unfinished card", async () => {
    const text = [
      "BEGIN:VCARD",
      "VERSION:3.0",
      "FN:Lena Fischer",
      'EMAIL;TYPE="work:lena@proseware.example',
      "TITLE:Chief\\; of Staff",
      "END:VCARD",
      "",
      "stray text between cards",
      "BEGIN:VCARD",
      "VERSION:3.0",
      "FN:Cut Off",
      "",
    ].join("\n");
    const { contacts, skips } = split(await collect(parseVcard([text])));
    expect(contacts.map((c) => [c.line, c.name, c.emails, c.position])).toEqual([
      [1, "Lena Fischer", [], "Chief; of Staff"],
    ]);
    expect(skips.map((s) => s.line)).toEqual([1, 8, 9]);
    expect(skips[0]?.reason).toMatch(/^The EMAIL line could not be read/);
    expect(skips[1]?.reason).toMatch(/outside any card/);
    expect(skips[2]?.reason).toMatch(/no END:VCARD/);
  });

  it("reads vCard 2.1-style bare parameters", async () => {
    const text =
      "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jane\r\nEMAIL;INTERNET;PREF:Jane@Doe.example\r\nEND:VCARD\r\n";
    const { contacts } = split(await collect(parseVcard([text])));
    expect(contacts.map((c) => [c.name, c.emails])).toEqual([["Jane Doe", ["jane@doe.example"]]]);
  });

  it("throws a coded error for a file that is not a vCard", async () => {
    for (const bytes of [
      fixture("linkedin-connections.csv"),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      Buffer.alloc(0),
    ]) {
      const e = await thrown(() => collect(parseVcard([bytes])));
      expect(isVouchError(e) && [e.code, e.details.format]).toEqual(["INVALID_INPUT", "vcard"]);
    }
  });
});
