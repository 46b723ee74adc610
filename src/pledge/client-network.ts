/**
 * The key a client is rate limited by. An IPv4 address is one household or office; an IPv6
 * household is given a whole /64 and can pick a new address in it for every request, so an
 * IPv6 client is counted by its /64, however the address is written. An IPv4 address written
 * as IPv6 (::ffff:192.0.2.1) is the IPv4 client it names.
 */
import { isIPv4, isIPv6 } from "node:net";

/** The eight 16-bit groups of a valid IPv6 address (with any zone removed). */
function groupsOf(address: string): number[] {
  let text = address;
  const embedded = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (embedded) {
    const [a = 0, b = 0, c = 0, d = 0] = embedded.split(".").map(Number);
    text = `${text.slice(0, -embedded.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => Number.parseInt(group, 16)));
  if (tail === undefined) return parse(head);
  const start = parse(head);
  const end = parse(tail);
  return [...start, ...Array<number>(8 - start.length - end.length).fill(0), ...end];
}

export function clientNetwork(address: string | undefined): string {
  const trimmed = (address ?? "").trim().replace(/^\[(.*)\]$/, "$1");
  const plain = trimmed.replace(/%.*$/, "");
  if (isIPv4(plain)) return plain;
  if (!isIPv6(plain)) return trimmed === "" ? "unknown" : trimmed;
  const groups = groupsOf(plain.toLowerCase());
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}
