// Issue 14: "/login?redirectTo=%2F%09%2Fevil.example%2Fphish" sent Chromium to evil.example. Only same-origin paths.
import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../app/auth/login.server";

describe("safeRedirect", () => {
  it.each([
    "/\t/evil.example/phish",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/ /evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "/\u0000/evil.example",
    "",
    "overview",
  ])("refuses %j", (to) => expect(safeRedirect(to)).toBe("/overview"));

  it.each([
    ["/admin/users", "/admin/users"],
    ["/compare?a=hs-baseline%401.0.0&set=held-out", "/compare?a=hs-baseline%401.0.0&set=held-out"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/audit#top", "/audit#top"],
  ])("keeps the same-origin path %j", (to, expected) => expect(safeRedirect(to)).toBe(expected));
});
