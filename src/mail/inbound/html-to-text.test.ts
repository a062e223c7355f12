import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { htmlToText } from "./html-to-text.ts";

describe("htmlToText", () => {
  it("keeps paragraphs and line breaks, and decodes entities", () => {
    expect(
      htmlToText("<p>Happy to&nbsp;help &amp; chat!</p><p>Best,<br>Maya &#8212; &#x1F44D;</p>"),
    ).toBe("Happy to help & chat!\n\nBest,\nMaya — 👍");
  });

  it("hides head, style, script and comments", () => {
    const html =
      "<html><head><title>x</title><style>p{color:red}</style></head><body><!-- note --><script>alert(1)</script><p>Yes</p></body></html>";
    expect(htmlToText(html)).toBe("Yes");
  });

  it("renders blockquotes as '>' lines, so quote stripping works on HTML-only replies", () => {
    const html = `<div>Sure!</div><div class="gmail_quote">On Fri, Jane wrote:<blockquote><p>Would you be open?</p><blockquote>Nested</blockquote></blockquote></div>`;
    expect(htmlToText(html)).toBe(
      "Sure!\nOn Fri, Jane wrote:\n\n> Would you be open?\n>\n> > Nested",
    );
  });

  it("writes a link's address next to its text, once", () => {
    expect(
      htmlToText(
        '<p>Book <a href="https://calendly.com/maya/20min">here</a> or <a href="https://cal.com/m">https://cal.com/m</a></p>',
      ),
    ).toBe("Book here (https://calendly.com/maya/20min) or https://cal.com/m");
  });

  it("lists, tables and rules", () => {
    expect(
      htmlToText(
        "<ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table><hr><p>end</p>",
      ),
    ).toBe("- one\n- two\n\na b\n\n----\n\nend");
  });

  it("treats Outlook's MsoNormal paragraphs as lines (an empty one is a blank line)", () => {
    expect(
      htmlToText(
        '<p class="MsoNormal">Yes, go ahead.</p><p class="MsoNormal">Thanks</p><p class="MsoNormal"><o:p>&nbsp;</o:p></p><p class="MsoNormal">Priya</p>',
      ),
    ).toBe("Yes, go ahead.\nThanks\n\nPriya");
  });

  it("marks a Gmail signature block with the usual '-- ' line", () => {
    expect(
      htmlToText('<div>Happy to.</div><div class="gmail_signature"><div>Maya Chen</div></div>'),
    ).toBe("Happy to.\n--\nMaya Chen");
  });

  it("keeps preformatted text as it is", () => {
    expect(htmlToText("<pre>a\n  b</pre>")).toBe("a\n  b");
  });

  it("survives broken markup", () => {
    // The parser closes the <p> at </div>: a paragraph, so a blank line under it.
    expect(htmlToText("<div><p>Yes<b>please</div></i><a href=x>link<blockquote>q")).toBe(
      "Yesplease\n\nlink\n\n> q",
    );
    expect(htmlToText("<<<>>>&#xFFFFFFF;&bogus;<!-- unterminated")).toBe("<<<>>>\ufffd&bogus;");
  });

  it("decodes every named reference of the HTML spec, not a short list", () => {
    expect(htmlToText("&amp; &lt; &eacute; &hearts; &rarr; &frac12; &Omega; &ccedil;")).toBe(
      "& < é ♥ → ½ Ω ç",
    );
  });

  it("maps numeric references the way browsers do (Windows-1252 for 128-159)", () => {
    expect(htmlToText("It&#146;s &#147;fine&#148; &#8212; &#x1F44D;")).toBe("It’s “fine” — 👍");
    expect(htmlToText("&#0; &#xD800; &#x110000;")).toBe("\ufffd \ufffd \ufffd");
  });

  it("keeps what is not a reference, and drops invisible formatting", () => {
    expect(htmlToText("&bogus; AT&T &")).toBe("&bogus; AT&T &");
    expect(htmlToText("co&shy;operate and&zwnj;so")).toBe("cooperate andso");
  });

  it("adds no line for a <br> that ends a block anyway; alone in a block it is a blank line", () => {
    expect(htmlToText("<div>Hi<br></div><div>there</div>")).toBe("Hi\nthere");
    expect(htmlToText("text<br><div>x</div>")).toBe("text\nx");
    expect(htmlToText("<div>a</div><div><br></div><div>b</div>")).toBe("a\n\nb");
    expect(htmlToText("a<br><br>b")).toBe("a\n\nb");
  });

  it("adds no line for a block that shows nothing", () => {
    expect(htmlToText("<div>a</div><div></div><div>&nbsp;</div><div>b</div>")).toBe("a\nb");
  });

  it("writes Gmail's signature prefix and signature block as one '-- ' line", () => {
    expect(
      htmlToText(
        '<div>Sure.</div><span class="gmail_signature_prefix">-- </span><br><div class="gmail_signature"><div>Maya</div></div>',
      ),
    ).toBe("Sure.\n--\nMaya");
  });

  it("sets a quote off by a blank line when it opens with a block (Gmail's attribution)", () => {
    expect(
      htmlToText(
        '<div class="gmail_attr">On Fri, Jane wrote:<br></div><blockquote class="gmail_quote"><div>Hi Maya,</div></blockquote>',
      ),
    ).toBe("On Fri, Jane wrote:\n\n> Hi Maya,");
  });

  it("numbers ordered lists and indents nested ones", () => {
    expect(htmlToText("<ol><li>one</li><li>two</li></ol>")).toBe(" 1. one\n 2. two");
    expect(htmlToText("<ul><li>one<ul><li>sub</li></ul></li><li>two</li></ul>")).toBe(
      "- one\n  - sub\n- two",
    );
  });

  it("writes only web addresses, and not twice", () => {
    expect(
      htmlToText(
        '<a href="mailto:a@b.example">mail me</a> <a href="https://x.example/">x.example</a> <a href="https://x.example/a">https://x.example/a</a> <a href="https://x.example/b">b</a>',
      ),
    ).toBe("mail me x.example https://x.example/a b (https://x.example/b)");
    expect(htmlToText('<a href="https://x.example/b">b</a>', { linkUrls: false })).toBe("b");
  });

  it("keeps every word of HTML nested far deeper than any mail client writes", () => {
    // The parser's cost grows with the square of the depth: past the bound, text without tags.
    expect(htmlToText(`${"<b>".repeat(20_000)}yes, <i>happy</i> to`)).toBe("yes, happy to");
    expect(htmlToText(`${"<div>".repeat(5_000)}deep${"</div>".repeat(5_000)}`)).toBe("deep");
    expect(htmlToText(`${"<blockquote>".repeat(700)}q`)).toMatch(/^(?:> ){600}q$/);
  });

  it("keeps every word of ordinary markup (property)", () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    const tag = fc.constantFrom("div", "p", "b", "span", "blockquote", "li", "td", "h2");
    const piece = fc.oneof(
      word,
      tag.map((t) => `<${t}>`),
      tag.map((t) => `</${t}>`),
      fc.constant("<br>"),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const words = pieces.filter((p) => !p.startsWith("<"));
        const text = htmlToText(pieces.join(" "));
        expect(text.match(/[a-z]+/g) ?? []).toEqual(words);
      }),
      { numRuns: 300 },
    );
  });
});
