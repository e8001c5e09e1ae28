import { describe, expect, it } from "vitest";
import { acceptAttributeOf, isHeaderMediaKind } from "@/lib/inbox/media-limits";

describe("a template header's media kinds", () => {
  it("are image, video and document only (Meta's IMAGE, VIDEO and DOCUMENT header formats)", () => {
    expect(["image", "video", "document"].every(isHeaderMediaKind)).toBe(true);
    for (const other of ["audio", "sticker", "IMAGE", "", "image\u0000", "__proto__"]) expect(isHeaderMediaKind(other)).toBe(false);
  });

  it("offer the file picker only that kind's types and extensions", () => {
    expect(acceptAttributeOf("image").split(",").sort()).toEqual([".jpeg", ".jpg", ".png", "image/jpeg", "image/png"]);
    expect(acceptAttributeOf("video").split(",").sort()).toEqual([".3gp", ".mp4", "video/3gpp", "video/mp4"]);
    const document = acceptAttributeOf("document").split(",");
    expect(document).toContain("application/pdf");
    expect(document).toContain(".docx");
    expect(document.some((entry) => entry.startsWith("image/") || entry === ".png")).toBe(false);
  });
});
