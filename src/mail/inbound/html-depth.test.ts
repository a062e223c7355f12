import fc from "fast-check";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { boundNesting } from "./html-depth.ts";

/** The deepest nesting htmlparser2 reaches on the HTML. */
function depth(html: string): number {
  let d = 0;
  let max = 0;
  const p = new Parser({
    onopentagname() {
      max = Math.max(max, ++d);
    },
    onclosetag() {
      d--;
    },
  });
  p.write(html);
  p.end();
  return max;
}

describe("boundNesting", () => {
  it("leaves HTML within the bound as it is", () => {
    const html = "<div><p>Hi <b>there</b></p><ul><li>a<li>b</ul></div><br>";
    expect(boundNesting(html, 3)).toBe(html);
  });

  it("turns what opens past the bound into text: tags dropped, words kept, no tag left", () => {
    expect(boundNesting("<b><i>x<u>y <a href='q'>z</a></u></i>w<s", 2)).toBe(
      "<b><i>x y  z   w&lt;s",
    );
  });

  it("counts the parser's own depth: closed, implied and void elements do not nest", () => {
    const flat = `${"<li>a".repeat(50)}${"<p>b</p>".repeat(50)}${"<br><img>".repeat(50)}`;
    expect(boundNesting(flat, 3)).toBe(flat);
    // A closing tag inside a comment or an attribute closes nothing.
    const tricky = `${"<b><!--</b>-->".repeat(10)}${"<i title='</i>'>".repeat(10)}end`;
    expect(depth(boundNesting(tricky, 5))).toBe(5);
  });

  it("never lets the parser nest deeper than the bound (property)", () => {
    const piece = fc.constantFrom(
      "<b>",
      "</b>",
      "<li>",
      "</li>",
      "<p>",
      "</p>",
      "<div x='</div>'>",
      "</div>",
      "<!--",
      "-->",
      "<script>",
      "</script>",
      "<svg>",
      "<path/>",
      "</svg>",
      "<br>",
      "</br>",
      "x",
      "<",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.integer({ min: 1, max: 10 }), (p, max) => {
        const html = p.join("");
        const bounded = boundNesting(html, max);
        expect(depth(bounded)).toBeLessThanOrEqual(max);
        if (depth(html) <= max) expect(bounded).toBe(html);
      }),
      { numRuns: 500 },
    );
  });
});
