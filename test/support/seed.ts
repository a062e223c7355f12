// The seed document's own request (Alice asks Jane for an intro to Maya), shared by the tests
// that need a request the coach lets through. The file is the one `vouch intro create` reads.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SEED_FILE = fileURLToPath(new URL("../fixtures/seed-request.txt", import.meta.url));

/** The request text without its `Subject:` line. */
export const SEED_REQUEST = readFileSync(SEED_FILE, "utf8").replace(/^Subject:.*\r?\n\r?\n/, "");
