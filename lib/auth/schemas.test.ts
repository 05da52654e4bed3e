import { describe, expect, it } from "vitest";
import { createWorkspaceInput, inviteMemberInput, signInInput, signUpInput, suggestSlug } from "./schemas";

function fieldErrors(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  const out: Record<string, string[]> = {};
  for (const issue of result.error?.issues ?? []) {
    const key = String(issue.path[0] ?? "");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

describe("signUpInput", () => {
  const valid = { name: "Layla", email: "Layla@Example.com ", password: "sunrise over 42 dunes" };

  it("accepts a good sign-up and normalises the email", () => {
    const parsed = signUpInput.parse(valid);
    expect(parsed.email).toBe("layla@example.com");
  });

  it("refuses passwords shorter than 10 characters", () => {
    expect(fieldErrors(signUpInput.safeParse({ ...valid, password: "abc123" })).password).toContain(
      "passwordTooShort",
    );
  });

  it("refuses passwords without a digit or without a letter", () => {
    expect(fieldErrors(signUpInput.safeParse({ ...valid, password: "onlyletters here" })).password).toContain(
      "passwordNeedsLetterAndDigit",
    );
    expect(fieldErrors(signUpInput.safeParse({ ...valid, password: "1234567890123" })).password).toContain(
      "passwordNeedsLetterAndDigit",
    );
  });

  it("accepts Arabic letters and digits as a strong password", () => {
    expect(signUpInput.safeParse({ ...valid, password: "كلمة سر قوية ٤٢" }).success).toBe(true);
  });

  it("refuses a password that contains the email's name part", () => {
    expect(fieldErrors(signUpInput.safeParse({ ...valid, password: "layla2024secret" })).password).toContain(
      "passwordContainsEmail",
    );
  });

  it("names a malformed email", () => {
    expect(fieldErrors(signUpInput.safeParse({ ...valid, email: "not-an-email" })).email).toContain(
      "emailInvalid",
    );
  });

  it("requires a name", () => {
    expect(fieldErrors(signUpInput.safeParse({ ...valid, name: "   " })).name).toContain("nameRequired");
  });
});

describe("signInInput", () => {
  it("requires a password without judging its strength", () => {
    expect(signInInput.safeParse({ email: "a@b.co", password: "x" }).success).toBe(true);
    expect(fieldErrors(signInInput.safeParse({ email: "a@b.co", password: "" })).password).toContain(
      "passwordRequired",
    );
  });
});

describe("createWorkspaceInput", () => {
  it("accepts lowercase slugs with single dashes", () => {
    expect(createWorkspaceInput.safeParse({ name: "Acme", slug: "acme-store-2" }).success).toBe(true);
  });

  it.each([
    ["ab", "slugTooShort"],
    ["Acme Store", "slugInvalid"],
    ["acme--store", "slugInvalid"],
    ["-acme", "slugInvalid"],
    ["settings", "slugReserved"],
  ])("refuses the slug %j with %s", (slug, code) => {
    expect(fieldErrors(createWorkspaceInput.safeParse({ name: "Acme", slug })).slug).toContain(code);
  });
});

describe("inviteMemberInput", () => {
  it("refuses an unknown role", () => {
    const result = inviteMemberInput.safeParse({
      workspaceSlug: "acme",
      email: "x@example.com",
      role: "superuser",
    });
    expect(fieldErrors(result).role).toContain("roleInvalid");
  });
});

describe("suggestSlug", () => {
  it("turns a name into a slug", () => {
    expect(suggestSlug("Café Olé & Sons")).toBe("cafe-ole-sons");
  });

  it("suggests nothing when too little survives (an Arabic-only name)", () => {
    expect(suggestSlug("متجر")).toBe("");
  });

  it("never suggests something the schema would refuse", () => {
    for (const name of ["Acme Store", "  --Big   Shop--  ", "A".repeat(90), "Shop 24/7"]) {
      const slug = suggestSlug(name);
      if (slug) expect(createWorkspaceInput.safeParse({ name: "x x", slug }).success).toBe(true);
    }
  });
});
