import { describe, expect, it } from "vitest";
import { isVouchError } from "../domain/errors.ts";
import { parseGoogle } from "./import/google.ts";
import { parseLinkedIn, parseLinkedInDate } from "./import/linkedin.ts";
import { parseOutlook } from "./import/outlook.ts";
import { chunked, collect, fixture, split, summary, thrown } from "./test-helpers.ts";

const HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";

describe("LinkedIn Connections.csv", () => {
  it("passes over the Notes preamble and reads every connection, with the line each starts on", async () => {
    const { contacts, skips } = split(
      await collect(parseLinkedIn(chunked(fixture("linkedin-connections.csv")))),
    );
    expect(
      contacts.map((c) => [c.line, c.name, c.emails, c.company, c.position, c.connectedOn]),
    ).toEqual([
      [5, "Maya Okafor", [], "Northwind Robotics", "VP Engineering", "2024-03-12"],
      [
        6,
        "Bob Lindqvist",
        ["bob.lindqvist@example.com"],
        "Fabrikam, Inc.",
        "Head of Partnerships",
        "2023-01-03",
      ],
      [7, "Zoë Ðặng", [], "Contoso Ltd.", "Founder, CEO", "2021-02-28"],
      [8, "Carol Nguyen", [], "Tailspin Toys", "Director of Sales EMEA & APAC", "2019-08-15"],
      [11, 'Dmitri O\'Brien "DJ"', ["dj@obrien.io"], null, null, null],
      [12, "Ana Pereira", [], "Wide World Importers", "Product Manager", "2024-11-07"],
    ]);
    expect(contacts[0]).toMatchObject({
      source: "linkedin",
      url: "https://www.linkedin.com/in/maya-okafor-3b2a1",
    });
    expect(skips).toEqual([
      { line: 8, reason: '"carol@" is not a valid email address, so it was left out' },
      { line: 10, reason: "No name and no email address: there is nobody to import" },
      { line: 11, reason: 'The date "31 Feb 2020" was not understood, so it was left out' },
    ]);
  });

  it("gives the same items however the file is cut into chunks, and the same again on a re-parse", async () => {
    const bytes = fixture("linkedin-connections.csv");
    const whole = await collect(parseLinkedIn([bytes]));
    for (const sizes of [[1], [7, 3], [200], [bytes.length]]) {
      const items = await collect(parseLinkedIn(chunked(bytes, sizes)));
      expect(split(items)).toEqual(split(whole));
      expect(items.at(-1)).toEqual({ kind: "progress", bytes: bytes.length });
    }
    expect(await collect(parseLinkedIn([bytes]))).toEqual(whole);
  });

  it("reads an older export without the URL column, a BOM, CRLF line ends and text chunks", async () => {
    const text = `\uFEFFFirst Name,Last Name,Email Address,Company,Position,Connected On\r\nMaya,Okafor,MAYA@x.example,Acme,CTO,1 September 2019\r\n`;
    const { contacts } = split(await collect(parseLinkedIn([text.slice(0, 9), text.slice(9)])));
    expect(contacts).toEqual([
      {
        line: 2,
        source: "linkedin",
        name: "Maya Okafor",
        emails: ["maya@x.example"],
        company: "Acme",
        position: "CTO",
        url: null,
        connectedOn: "2019-09-01",
      },
    ]);
  });

  it("reads a UTF-16 file with its BOM (as Excel saves it)", async () => {
    const text = `\uFEFF${HEADER}\nZoë,Ðặng,,,,,12 Mar 2024\n`;
    const { contacts } = split(await collect(parseLinkedIn([Buffer.from(text, "utf16le")])));
    expect(contacts.map((c) => [c.name, c.connectedOn])).toEqual([["Zoë Ðặng", "2024-03-12"]]);
  });

  it("reads LinkedIn's dates and refuses impossible ones", () => {
    expect(parseLinkedInDate("12 Mar 2024")).toBe("2024-03-12");
    expect(parseLinkedInDate("1 Sept 2020")).toBe("2020-09-01");
    expect(parseLinkedInDate("29 Feb 2024")).toBe("2024-02-29");
    expect(parseLinkedInDate("2024-03-12")).toBe("2024-03-12");
    expect(parseLinkedInDate("29 Feb 2023")).toBeNull();
    expect(parseLinkedInDate("12 Mab 2024")).toBeNull();
    expect(parseLinkedInDate("yesterday")).toBeNull();
  });

  it("throws a coded error before any contact for a file that is not a LinkedIn export", async () => {
    for (const bytes of [
      fixture("google-contacts.csv"),
      Buffer.from("name,phone\nMaya,555\n"),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]), // a zip
      Buffer.alloc(0),
    ]) {
      const seen: unknown[] = [];
      const e = await thrown(async () => {
        for await (const item of parseLinkedIn([bytes])) seen.push(item);
      });
      expect(isVouchError(e) && e.code).toBe("INVALID_INPUT");
      expect(isVouchError(e) && e.details.format).toBe("linkedin");
      expect(seen.filter((i) => (i as { kind: string }).kind === "contact")).toEqual([]);
    }
  });

  it("throws for a quote that is never closed, which would swallow every row after it", async () => {
    const text = `${HEADER}\nMaya,Okafor,,,"Acme,CTO,12 Mar 2024\nBob,Lind,,,Fabrikam,CEO,1 Jan 2020\n`;
    const e = await thrown(() => collect(parseLinkedIn([text])));
    expect(isVouchError(e) && e.message).toMatch(/never closed/);
  });
});

describe("Google Contacts CSV", () => {
  it("reads the current layout, splitting ' ::: ' cells into several addresses", async () => {
    const { contacts, skips } = split(
      await collect(parseGoogle(chunked(fixture("google-contacts.csv"), [5]))),
    );
    expect(summary(contacts)).toEqual([
      [
        2,
        "Maya Okafor",
        ["maya@northwind.example", "maya.okafor@gmail.com"],
        "Northwind Robotics",
        "VP Engineering",
        "https://maya.dev",
      ],
      [3, "Jean-Luc M. Picard", ["jl@picard.example"], "Starfleet, Inc.", null, null],
      [6, "Sunny", ["sunny@example.org"], null, null, null],
    ]);
    expect(skips).toEqual([
      { line: 3, reason: '"not-an-address" is not a valid email address, so it was left out' },
      { line: 5, reason: "No name and no email address: there is nobody to import" },
    ]);
  });

  it("reads the older layout (Name, Given Name, Organization 1 - Name)", async () => {
    const { contacts, skips } = split(
      await collect(parseGoogle([fixture("google-contacts-old.csv")])),
    );
    expect(contacts.map((c) => [c.line, c.name, c.emails, c.company, c.position])).toEqual([
      [
        2,
        "Priya Raman",
        ["priya@adatum.example", "priya.r@gmail.com"],
        "Adatum Corporation",
        "CTO",
      ],
      [3, "Tomás García", ["tomas@garcia.example"], "Litware, Inc.", null],
    ]);
    expect(skips).toEqual([
      {
        line: 4,
        reason:
          'No name, and "broken@@example.com" is not a valid email address, so it was left out: there is nobody to import',
      },
    ]);
  });

  it("refuses a LinkedIn or Outlook file", async () => {
    for (const name of ["linkedin-connections.csv", "outlook-contacts.csv"]) {
      const e = await thrown(() => collect(parseGoogle([fixture(name)])));
      expect(isVouchError(e) && e.details.format).toBe("google");
    }
  });
});

describe("Outlook CSV", () => {
  it("reads a Windows-1252 export, its second address, and reports an Exchange address", async () => {
    const { contacts, skips } = split(
      await collect(parseOutlook(chunked(fixture("outlook-contacts.csv"), [13]))),
    );
    expect(summary(contacts)).toEqual([
      [
        2,
        "Hans Müller",
        ["hans.mueller@blueyonder.example", "hans@mueller.example"],
        "Blue Yonder Airlines",
        "Chief Pilot",
        "https://mueller.example/",
      ],
      [3, "Olivia Chen", ["olivia@coho.example"], "Coho Winery", "Sommelier", null],
    ]);
    expect(skips.map((s) => s.line)).toEqual([3, 4]);
    expect(skips[0]?.reason).toMatch(/^"\/o=ExchangeLabs\/.*" is not a valid email address/);
  });
});
