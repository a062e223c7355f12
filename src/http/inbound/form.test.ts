import { describe, expect, it } from "vitest";
import { readForm } from "./form.ts";

/** A multipart/form-data body as providers send it (CRLF, one part per field, bytes as given). */
function multipart(fields: Array<[string, Buffer, { filename: string; type: string }?]>) {
  const parts = fields.map(([name, value, file]) =>
    Buffer.concat([
      Buffer.from(
        `--xYzZY\r\nContent-Disposition: form-data; name="${name}"${
          file ? `; filename="${file.filename}"\r\nContent-Type: ${file.type}` : ""
        }\r\n\r\n`,
      ),
      value,
      Buffer.from("\r\n"),
    ]),
  );
  return Buffer.concat([...parts, Buffer.from("--xYzZY--\r\n")]);
}
const MULTIPART = "multipart/form-data; boundary=xYzZY";

/** A body streamed in chunks of `size` bytes, counting how many bytes were pulled from it. */
function streamed(body: Buffer | (() => Buffer), size: number, chunks = Number.POSITIVE_INFINITY) {
  const pulled = { bytes: 0 };
  let at = 0;
  let sent = 0;
  // No queue of its own (high-water mark 0): a chunk is made only when the reader asks for one.
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        const chunk = typeof body === "function" ? body() : body.subarray(at, at + size);
        at += size;
        if (chunk.length === 0 || sent++ >= chunks) return c.close();
        pulled.bytes += chunk.length;
        c.enqueue(new Uint8Array(chunk));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled };
}

describe("readForm", () => {
  it("keeps a field's bytes exactly, and reads url-encoded bytes", async () => {
    const bytes = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x80, 0x0d]);
    const body = multipart([
      ["a", bytes],
      ["b", Buffer.from("x"), { filename: "f.bin", type: "application/x" }],
      ["a", Buffer.from("second")],
    ]);
    const r = await readForm(streamed(body, 5).stream, MULTIPART, 1000);
    expect(r?.form.get("a")?.map((v) => v.data.toString("latin1"))).toEqual([
      bytes.toString("latin1"),
      "second",
    ]);
    expect(r?.form.get("b")?.[0]).toMatchObject({ filename: "f.bin", type: "application/x" });
    const u = await readForm(
      streamed(Buffer.from("k=%E9%00+x&k=2&empty="), 3).stream,
      "application/x-www-form-urlencoded",
      1000,
    );
    expect(u?.form.get("k")?.map((v) => [...v.data])).toEqual([[0xe9, 0x00, 0x20, 0x78], [0x32]]);
    expect(u?.form.get("empty")?.[0]?.data.length).toBe(0);
  });

  it("reads a big post streamed in small chunks, every byte of it", async () => {
    const message = Buffer.alloc(3 * 1024 * 1024, Buffer.from([...Array(256).keys()]));
    const body = multipart([
      ["envelope", Buffer.from('{"to":["intros@vouch.localhost"]}')],
      ["email", message],
    ]);
    const r = await readForm(streamed(body, 16 * 1024).stream, MULTIPART, body.length);
    expect(r?.form.get("email")?.[0]?.data.equals(message)).toBe(true);
    // The same bytes give the same digest (a rebuilt message's boundaries come from it).
    const again = await readForm(streamed(body, 1000).stream, MULTIPART, body.length);
    expect(again?.digest).toBe(r?.digest);
  });

  it("answers null past the limit, having read no further than it", async () => {
    const part = multipart([["email", Buffer.alloc(64 * 1024, "x")]]);
    const { stream, pulled } = streamed(() => part, part.length, 1000);
    expect(await readForm(stream, MULTIPART, 1024 * 1024)).toBeNull();
    expect(pulled.bytes).toBeLessThanOrEqual(1024 * 1024 + part.length);
  });

  it("refuses what is not a complete form, naming the field", async () => {
    const fail = (body: string, type: string | undefined) =>
      readForm(streamed(Buffer.from(body), 4).stream, type, 1000).then(
        () => null,
        (e: { details: { field: string } }) => e.details.field,
      );
    expect(await fail("--nope\r\n", MULTIPART)).toBe("body");
    expect(
      await fail('--xYzZY\r\nContent-Disposition: form-data; name="a"\r\n\r\nhal', MULTIPART),
    ).toBe("body");
    expect(await fail("x", "multipart/form-data")).toBe("content-type");
    expect(await fail("email=x", "text/plain")).toBe("content-type");
    expect(await fail("email=x", undefined)).toBe("content-type");
  });
});
