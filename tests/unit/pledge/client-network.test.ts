/** The key a client is rate limited by: an IPv4 address, or an IPv6 /64 however it is written. */
import { describe, expect, it } from "vitest";
import { clientNetwork } from "../../../src/pledge/client-network.ts";

describe("the network a client is limited by", () => {
  it.each([
    "2001:db8:1:2::1",
    "2001:0db8:0001:0002:0000:0000:0000:0001",
    "2001:DB8:1:2:FFFF:FFFF:FFFF:FFFF",
    "2001:db8:1:2:aaaa::",
    "[2001:db8:1:2::42]",
    "2001:db8:1:2::1%eth0",
    "2001:db8:1:2::192.0.2.1",
  ])("counts %s as the /64 2001:db8:1:2::/64", (address) => {
    expect(clientNetwork(address)).toBe("2001:db8:1:2::/64");
  });

  it("counts addresses in neighbouring /64s apart", () => {
    expect(clientNetwork("2001:db8:1:3::1")).not.toBe(clientNetwork("2001:db8:1:2::1"));
    expect(clientNetwork("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
  });

  it("expands the compressed zeros wherever they are", () => {
    expect(clientNetwork("::1")).toBe("0:0:0:0::/64");
    expect(clientNetwork("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientNetwork("2001::2:3:4:5:6")).toBe("2001:0:0:2::/64");
  });

  it.each(["::ffff:192.0.2.1", "::FFFF:192.0.2.1", "0:0:0:0:0:ffff:c000:0201", "::ffff:c000:201"])(
    "counts the IPv4-mapped %s as the IPv4 client 192.0.2.1",
    (address) => {
      expect(clientNetwork(address)).toBe("192.0.2.1");
    },
  );

  it("keeps each IPv4 address apart", () => {
    expect(clientNetwork("192.0.2.1")).toBe("192.0.2.1");
    expect(clientNetwork("192.0.2.2")).toBe("192.0.2.2");
  });

  it("puts every request without an address in one bucket", () => {
    expect(clientNetwork(undefined)).toBe("unknown");
    expect(clientNetwork("")).toBe("unknown");
  });
});
