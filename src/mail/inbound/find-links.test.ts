import { describe, expect, it } from "vitest";
import { findLinks, findSchedulingLinks, schedulingProvider } from "./find-links.ts";

describe("findLinks", () => {
  it("finds URLs and trims the punctuation around them", () => {
    expect(
      findLinks(
        "See https://acme.com/about. Or (https://acme.com/jobs), or <https://x.example/a?b=1>!",
      ),
    ).toEqual(["https://acme.com/about", "https://acme.com/jobs", "https://x.example/a?b=1"]);
  });

  it("keeps a closing parenthesis that belongs to the URL, and dedupes", () => {
    expect(
      findLinks(
        "https://en.wikipedia.org/wiki/Foo_(bar) and https://en.wikipedia.org/wiki/Foo_(bar)",
      ),
    ).toEqual(["https://en.wikipedia.org/wiki/Foo_(bar)"]);
  });

  it("adds https:// to www. links and to bare booking links", () => {
    expect(
      findLinks("my site www.maya.dev, book at calendly.com/maya/30min or cal.com/maya"),
    ).toEqual(["https://www.maya.dev", "https://calendly.com/maya/30min", "https://cal.com/maya"]);
  });

  it("ignores email addresses", () => {
    expect(findLinks("write to maya@cal.com")).toEqual([]);
  });
});

describe("findSchedulingLinks", () => {
  it.each([
    ["https://calendly.com/maya-chen/20min", "Calendly"],
    ["https://cal.com/priya/30min", "Cal.com"],
    ["https://savvycal.com/tomb/chat", "SavvyCal"],
    ["https://meetings.hubspot.com/omar", "HubSpot Meetings"],
    ["https://meetings-eu1.hubspot.com/omar/intro", "HubSpot Meetings"],
    ["https://calendar.app.google/AbC123xyz", "Google Calendar appointments"],
    [
      "https://calendar.google.com/calendar/appointments/schedules/AcZssZ1",
      "Google Calendar appointments",
    ],
    ["https://outlook.office365.com/owa/calendar/Acme@acme.com/bookings/", "Microsoft Bookings"],
    ["https://zcal.co/maya/30", "zcal"],
    ["https://tidycal.com/maya/15", "TidyCal"],
    ["https://maya.youcanbook.me/", "YouCanBookMe"],
    ["https://doodle.com/bp/mayachen/meet", "Doodle"],
  ])("%s is %s", (url, provider) => {
    expect(schedulingProvider(url)).toBe(provider);
    expect(findSchedulingLinks(`Grab a slot: ${url}.`)).toEqual([{ url, provider }]);
  });

  it("a home page, a meeting link or another site is not a booking link", () => {
    expect(schedulingProvider("https://calendly.com/")).toBeNull();
    expect(schedulingProvider("https://calendar.google.com/calendar/u/0/r")).toBeNull();
    expect(schedulingProvider("https://zoom.us/j/123")).toBeNull();
    expect(schedulingProvider("not a url")).toBeNull();
    expect(findSchedulingLinks("https://acme.com https://calendly.com/maya")).toEqual([
      { url: "https://calendly.com/maya", provider: "Calendly" },
    ]);
  });
});
