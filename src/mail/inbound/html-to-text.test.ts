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
    expect(htmlToText("<div><p>Yes<b>please</div></i><a href=x>link<blockquote>q")).toBe(
      "Yesplease\nlink\n\n> q",
    );
    expect(htmlToText("<<<>>>&#xFFFFFFF;&bogus;<!-- unterminated")).toBe("<<<>>>\ufffd&bogus;");
  });
});
