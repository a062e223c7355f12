// Builders shared by domain tests (not imported by production code).
import { newIntro } from "./intro.ts";
import type { Intro } from "./types.ts";

export const T0 = new Date("2026-12-01T10:00:00.000Z");

export const SEED_REQUEST = `Hey Jane, could you introduce me to Maya? You can simply CC them, thanks!

Hey Maya,

I'd greatly appreciate a chance to chat with you about building a career in Tech.

Regards,
Alice`;

export function seedIntro(overrides: Partial<Intro> = {}): Intro {
  const intro = newIntro(
    {
      requester: { name: "Alice", email: "alice@example.com" },
      introducer: { name: "Jane", email: "jane@example.com" },
      target: { name: "Maya", email: "maya@example.com" },
      requestText: SEED_REQUEST,
    },
    { id: "intro_1", threadToken: "tok1" },
    T0,
  );
  return { ...intro, ...overrides };
}

export const days = (n: number, from: Date = T0) => new Date(from.getTime() + n * 86_400_000);
