/** The console's words, from content/officer-console.json, and the few ways they are put together. */
import words from "../../content/officer-console.json" with { type: "json" };
import { fillTemplate } from "../fill-template.ts";
import type { PledgeChannel, PledgeStatus } from "../storage/pledge-store.ts";

export const consoleWords = words;

export const say = (text: string, values: Record<string, string | number>) =>
  fillTemplate(
    text,
    Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)])),
    "content/officer-console.json",
  );

export const statusName = (status: PledgeStatus) => words.statuses[status];
export const channelName = (channel: PledgeChannel) => words.channels[channel];

const ukTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** A moment as a person in Stevenage reads it: "27 March 2026 at 14:05". */
export const ukDateTime = (iso: string) => ukTime.format(new Date(iso));

/** How long a pledge has waited, in hours under two days and in days after. */
export const waited = (hours: number) =>
  hours < 48 ? say(words.waited.hours, { count: hours }) : say(words.waited.days, { count: Math.floor(hours / 24) });
