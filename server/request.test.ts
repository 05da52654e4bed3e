import { describe, expect, it } from "vitest";
import { clientIp } from "./request";

const headers = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});

describe("clientIp", () => {
  it("takes the address the nearest proxy appended, not one the client wrote", () => {
    expect(clientIp(headers("6.6.6.6, 203.0.113.7"), 1)).toBe("203.0.113.7");
  });

  it("walks further left only for as many proxies as are trusted", () => {
    expect(clientIp(headers("198.51.100.2, 10.0.0.1"), 2)).toBe("198.51.100.2");
  });

  it("never reads past the start of a short chain", () => {
    expect(clientIp(headers("198.51.100.2"), 3)).toBe("198.51.100.2");
  });

  it("treats every request as one address when no proxy is trusted", () => {
    expect(clientIp(headers("6.6.6.6"), 0)).toBe("direct");
  });

  it("says unknown when nothing names the client", () => {
    expect(clientIp(headers(), 1)).toBe("unknown");
  });
});
