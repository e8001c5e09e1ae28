import { describe, expect, it } from "vitest";
import { checkMediaFile, MB, normalizeMimeType } from "@/lib/inbox/media-limits";

describe("Meta's media limits, as the browser and the route check them", () => {
  it("accepts each kind up to its own limit and refuses one byte more, naming the limit", () => {
    const cases = [
      ["image/jpeg", "a.jpg", 5 * MB, "image"],
      ["image/png", "a.png", 5 * MB, "image"],
      ["video/mp4", "a.mp4", 16 * MB, "video"],
      ["video/3gpp", "a.3gp", 16 * MB, "video"],
      ["audio/ogg", "a.ogg", 16 * MB, "audio"],
      ["audio/mpeg", "a.mp3", 16 * MB, "audio"],
      ["application/pdf", "a.pdf", 100 * MB, "document"],
      ["application/vnd.openxmlformats-officedocument.presentationml.presentation", "a.pptx", 100 * MB, "document"],
    ] as const;
    for (const [type, name, max, kind] of cases) {
      expect(checkMediaFile({ type, name, size: max })).toEqual({ ok: true, media: { kind, mimeType: type, size: max, filename: name } });
      expect(checkMediaFile({ type, name, size: max + 1 })).toEqual({ ok: false, refusal: { reason: "tooLarge", kind, maxBytes: max } });
    }
  });

  it("refuses what Meta does not take, empty files and hostile names", () => {
    expect(checkMediaFile({ type: "image/gif", name: "a.gif", size: 10 })).toMatchObject({ ok: false, refusal: { reason: "unsupportedType" } });
    expect(checkMediaFile({ type: "image/webp", name: "a.webp", size: 10 })).toMatchObject({ ok: false, refusal: { reason: "unsupportedType" } });
    expect(checkMediaFile({ type: "", name: "script.exe", size: 10 })).toMatchObject({ ok: false, refusal: { reason: "unsupportedType" } });
    expect(checkMediaFile({ type: "application/pdf", name: "a.pdf", size: 0 })).toEqual({ ok: false, refusal: { reason: "empty" } });
    expect(checkMediaFile({ type: "application/pdf", name: "a\u0000.pdf", size: 1 })).toEqual({ ok: false, refusal: { reason: "badName" } });
    expect(checkMediaFile({ type: "application/pdf", name: "a\r\nContent-Type: x.pdf", size: 1 })).toEqual({ ok: false, refusal: { reason: "badName" } });
    expect(checkMediaFile({ type: "application/pdf", name: `${"a".repeat(241)}.pdf`, size: 1 })).toEqual({ ok: false, refusal: { reason: "badName" } });
    expect(checkMediaFile({ type: "application/pdf", name: "a.pdf", size: Number.NaN })).toEqual({ ok: false, refusal: { reason: "empty" } });
  });

  it("reads aliases and, without a type, the extension", () => {
    expect(normalizeMimeType("image/jpg", "a.jpg")).toBe("image/jpeg");
    expect(normalizeMimeType("audio/x-m4a", "a.m4a")).toBe("audio/mp4");
    expect(normalizeMimeType("video/3gp", "a.3gp")).toBe("video/3gpp");
    expect(normalizeMimeType("text/plain; charset=utf-8", "a.txt")).toBe("text/plain");
    expect(normalizeMimeType("", "Planilha.XLSX")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(normalizeMimeType("application/octet-stream", "a.docx")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  });
});
