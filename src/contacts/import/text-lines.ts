/**
 * Splits streamed text into lines (without their CRLF, LF or CR), holding only the current
 * partial line between chunks. A CR at the end of one chunk and an LF at the start of the next
 * are one line break.
 */
export async function* textLines(texts: AsyncIterable<string>): AsyncGenerator<string> {
  let rest = "";
  let afterCr = false;
  for await (let text of texts) {
    if (afterCr && text.startsWith("\n")) text = text.slice(1);
    afterCr = false;
    let start = 0;
    const re = /\r\n|\r|\n/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0] === "\r" && m.index === text.length - 1) afterCr = true;
      yield rest + text.slice(start, m.index);
      rest = "";
      start = m.index + m[0].length;
    }
    rest += text.slice(start);
  }
  if (rest) yield rest;
}
