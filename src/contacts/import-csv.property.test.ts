import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseGoogle } from "./import/google.ts";
import { parseLinkedIn } from "./import/linkedin.ts";
import { chunked, collect, split } from "./test-helpers.ts";

// A word: no white space (that is where the parser may join lines), but commas, quotes,
// semicolons, accents, CJK and emoji, which a CSV writer must quote and the parser must keep.
const word = fc
  .array(fc.constantFrom(..."aZé漢ß,\"';:#=@-.()ü🙂Ω".split(/(?:)/u)), {
    minLength: 1,
    maxLength: 8,
  })
  .map((cs) => cs.join(""));
// A cell: words separated by a space, a newline or a CRLF (an address or note typed in Excel).
const cell = fc
  .tuple(word, fc.array(fc.tuple(fc.constantFrom(" ", "\n", "\r\n"), word), { maxLength: 3 }))
  .map(([first, rest]) => first + rest.map(([sep, w]) => sep + w).join(""));
/** What the parser makes of a cell: each line break and space run is one space. */
const flat = (s: string) => s.replace(/\s+/g, " ");

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const row = fc.record({
  first: cell,
  last: cell,
  email: fc.option(fc.emailAddress(), { nil: "" }),
  company: cell,
  position: cell,
  date: fc.date({
    min: new Date("2003-05-05T00:00:00Z"),
    max: new Date("2030-12-31T00:00:00Z"),
    noInvalidDate: true,
  }),
});

/** The 1-based line that offset `at` is on, a CRLF, CR or LF ending a line as in an editor. */
const lineAt = (text: string, at: number) => text.slice(0, at).split(/\r\n|\r|\n/).length;

describe("CSV round trip (property)", () => {
  it("every row written by a CSV writer comes back as the same contact, on the line it starts on", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom("\n", "\r\n"),
        async (rows, sizes, eol) => {
          let text = `Notes:${eol}"When exporting your connection data, some, of the emails are missing."${eol}${eol}`;
          text += stringify(
            [
              [
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
              ],
            ],
            { record_delimiter: eol },
          );
          const lines: number[] = [];
          for (const r of rows) {
            lines.push(lineAt(text, text.length));
            const d = r.date;
            const connected = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
            text += stringify([[r.first, r.last, "", r.email, r.company, r.position, connected]], {
              record_delimiter: eol,
            });
          }
          const items = await collect(parseLinkedIn(chunked(Buffer.from(text), sizes)));
          const { contacts, skips } = split(items);
          expect(skips).toEqual([]);
          expect(contacts).toEqual(
            rows.map((r, i) => ({
              line: lines[i],
              source: "linkedin",
              name: flat(`${r.first} ${r.last}`),
              emails: r.email ? [r.email.toLowerCase()] : [],
              company: flat(r.company),
              position: flat(r.position),
              url: null,
              connectedOn: r.date.toISOString().slice(0, 10),
            })),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it("Google's ' ::: ' cells give each address once, in order, lowercased", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.emailAddress(), { minLength: 1, maxLength: 5 }),
        async (emails) => {
          const text = stringify([
            ["First Name", "Last Name", "E-mail 1 - Label", "E-mail 1 - Value"],
            ["Maya", "Okafor", "* Work", emails.join(" ::: ")],
          ]);
          const { contacts } = split(await collect(parseGoogle([text])));
          expect(contacts[0]?.emails).toEqual([...new Set(emails.map((e) => e.toLowerCase()))]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
