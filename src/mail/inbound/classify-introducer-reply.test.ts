import { describe, expect, it } from "vitest";
import { classifyIntroducerReply, findAddresses } from "./classify-introducer-reply.ts";
import { readMessage } from "./read-message.ts";

const ignore = ["jane@example.com", "alice@example.com", "@vouch.localhost"];

describe("classifyIntroducerReply", () => {
  it.each([
    ["sure, I'll ask her", "forward"],
    ["Will do!", "forward"],
    ["Forwarding it to her now.", "forward"],
    ["Happy to — let me check with Maya.", "forward"],
    ["Je lui demande !", "forward"],
    ["Klar, ich frage sie.", "forward"],
    ["Claro, se lo pregunto.", "forward"],
    ["not a fit, sorry", "decline"],
    ["I don't think she'd be interested.", "decline"],
    ["I don't know her well enough to make this intro.", "decline"],
    ["Passt leider nicht.", "decline"],
    ["could you tweak the ask a bit? It's too long.", "ask_for_changes"],
    ["Happy to, but could you shorten it first?", "ask_for_changes"],
    ["Pourrais-tu raccourcir un peu ?", "ask_for_changes"],
    ["Kannst du den Text noch kürzen?", "ask_for_changes"],
    ["¿Podrías acortarlo un poco?", "ask_for_changes"],
    ["Yes, glad to. I'll pass it along to her this week.", "forward"],
    ["I'll send your note on to her tonight.", "forward"],
    ["Pas de souci, je m'en occupe.", "forward"],
    ["I'll have to pass on this one, but happy to help with something else.", "decline"],
    ["Sorry, I don't think this is a fit for Maya right now.", "decline"],
    ["Ich kenne sie leider nicht gut genug.", "decline"],
    ["Könntest du den Text noch etwas kürzen? Dann leite ich ihn weiter.", "ask_for_changes"],
    ["Happy to help with something else, though.", "unknown"],
    ["Hmm, let me think about it.", "unknown"],
    ["Thanks!", "unknown"],
  ])("%j → %s", (text, expected) => {
    expect(classifyIntroducerReply(text, { ignore }).intent).toBe(expected);
  });

  it("picks up the target's address from the reply, not the known ones", () => {
    const c = classifyIntroducerReply(
      "Sure! cc'ing alice@example.com — Maya is maya.chen@acme.io (intros+x@vouch.localhost)",
      { ignore },
    );
    expect(c).toMatchObject({ intent: "forward", targetEmail: "maya.chen@acme.io" });
  });

  it("ignores the sender and the quoted request, and falls back to To/Cc", async () => {
    const m = await readMessage(
      [
        "From: Jane <jane@example.com>",
        "To: intros+abc@vouch.localhost",
        "Cc: Maya <Maya@Acme.io>",
        "",
        "Sure, looping her in.",
        "",
        "On Fri, Alice <alice@example.com> wrote:",
        "> Could you intro me to Maya? Her old address was maya@oldco.example",
      ].join("\n"),
    );
    const c = classifyIntroducerReply(m, { ignore: ["@vouch.localhost"] });
    expect(c).toMatchObject({
      intent: "forward",
      reply: "Sure, looping her in.",
      targetEmail: "maya@acme.io",
    });
    expect(c.reasons).toContain("address given: maya@acme.io (in To/Cc)");
  });

  it("has no targetEmail when there is none", () => {
    expect(classifyIntroducerReply("Sure, I'll ask her", { ignore })).not.toHaveProperty(
      "targetEmail",
    );
  });
});

describe("findAddresses", () => {
  it("finds addresses in order, lower-cased, without the ignored ones or trailing dots", () => {
    expect(
      findAddresses("Reach Maya.Chen@Acme.io. Or maya@acme.io, jane@example.com", [
        "jane@example.com",
      ]),
    ).toEqual(["maya.chen@acme.io", "maya@acme.io"]);
  });
});
