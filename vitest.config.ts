import { defineConfig } from "vitest/config";

/**
 * The slow suites: real processes and browsers, thousands of rows or cases. `npm test` (and CI)
 * runs them with the rest; `npx vitest run --project fast` leaves them out for a quick run.
 */
const SLOW = [
  "test/web/browser-*.test.ts", // headless Chromium against a real server
  "test/outbox-crash.test.ts", // kills sending processes mid-flight, on both databases
  "test/timers-multi-instance.test.ts", // three servers sweep 10,000 due timers
  "test/claim-contention.test.ts", // two processes claim 10,000 rows
  "test/imap-intake.test.ts", // Dovecot
  "test/serve.test.ts", // `vouch serve` as `npm start` runs it
  "test/serve-signals.test.ts",
  "test/public-url.test.ts",
  "test/demo.test.ts",
  "test/cli-process.test.ts", // the CLI in child processes
  "test/cli-pipe.test.ts",
  "test/inbound-fuzz.test.ts", // thousands of generated messages
  "test/consent-metamorphic.test.ts",
  "src/domain/transition.property.test.ts",
];

export default defineConfig({
  test: {
    // Generous: on a loaded 2-core machine a test may wait seconds for the CPU. No test
    // depends on how fast it runs.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: "forks",
    // Vitest would use one worker on 2 cores; most tests wait on PostgreSQL, sockets and child
    // processes, so a second keeps both cores busy.
    maxWorkers: 2,
    globalSetup: ["test/global-setup.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "fast",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: SLOW,
          // Test files share their worker's loaded modules (none mocks a module or changes
          // globals): most of a small file's time was importing the app again.
          isolate: false,
        },
      },
      { extends: true, test: { name: "slow", include: SLOW } },
    ],
  },
});
