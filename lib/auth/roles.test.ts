import { describe, expect, it } from "vitest";
import { assignableRoles, hasRole, isRole, ROLES } from "./roles";

describe("roles", () => {
  it("orders owner above admin above editor above viewer", () => {
    expect(hasRole("owner", "admin")).toBe(true);
    expect(hasRole("admin", "editor")).toBe(true);
    expect(hasRole("editor", "viewer")).toBe(true);
    expect(hasRole("viewer", "editor")).toBe(false);
    expect(hasRole("editor", "admin")).toBe(false);
    expect(hasRole("admin", "owner")).toBe(false);
  });

  it("lets every role meet its own level", () => {
    for (const role of ROLES) expect(hasRole(role, role)).toBe(true);
  });

  it("lets only owners hand out the owner role", () => {
    expect(assignableRoles("owner")).toContain("owner");
    expect(assignableRoles("admin")).not.toContain("owner");
    expect(assignableRoles("admin")).toEqual(["admin", "editor", "viewer"]);
  });

  it("gives editors and viewers nothing to assign", () => {
    expect(assignableRoles("editor")).toEqual([]);
    expect(assignableRoles("viewer")).toEqual([]);
  });

  it("recognises role names and nothing else", () => {
    expect(isRole("admin")).toBe(true);
    expect(isRole("superuser")).toBe(false);
    expect(isRole("")).toBe(false);
  });
});
