import { describe, expect, it } from "vitest";
import { buildSendComponents, parseComponents, renderTemplate, templateParameters, valueProblems, variablesIn } from "@/lib/templates/model";
import { statusOfEvent } from "@/lib/templates/statuses";
import { storedTemplateRequest } from "@/lib/inbox/stored-template";

const positional = [
  { type: "HEADER", format: "TEXT", text: "Pedido {{1}}", example: { header_text: ["#1234"] } },
  { type: "BODY", text: "Olá {{1}}, seu pedido {{2}} saiu. {{1}}, obrigado!", example: { body_text: [["Ana", "#1234"]] } },
  { type: "FOOTER", text: "Loja Demo" },
  {
    type: "BUTTONS",
    buttons: [
      { type: "QUICK_REPLY", text: "Parar" },
      { type: "URL", text: "Rastrear", url: "https://loja.example.com/r/{{1}}", example: ["https://loja.example.com/r/1234"] },
      { type: "PHONE_NUMBER", text: "Ligar", phone_number: "+551190000001" },
      { type: "URL", text: "Site", url: "https://loja.example.com" },
    ],
  },
];

const named = [
  { type: "header", format: "document" },
  { type: "body", text: "Oi {{first_name}}, segue o boleto de {{amount}}.", example: { body_text_named_params: [{ param_name: "first_name", example: "Ana" }, { param_name: "amount", example: "R$ 10" }] } },
];

describe("reading Meta's components", () => {
  it("reads header, body, footer and buttons with the examples Meta keeps", () => {
    const t = parseComponents(positional);
    expect(t.header).toEqual({ format: "TEXT", text: "Pedido {{1}}" });
    expect(t.body).toContain("{{2}}");
    expect(t.footer).toBe("Loja Demo");
    expect(t.buttons.map((b) => [b.type, b.index])).toEqual([["QUICK_REPLY", 0], ["URL", 1], ["PHONE_NUMBER", 2], ["URL", 3]]);
    expect(t.examples).toMatchObject({ "header:1": "#1234", "body:1": "Ana", "body:2": "#1234", "button:1": "https://loja.example.com/r/1234" });
  });

  it("reads lower-case types and media headers, and survives junk", () => {
    expect(parseComponents(named).header).toEqual({ format: "DOCUMENT" });
    expect(parseComponents(null)).toMatchObject({ header: null, body: "", footer: null, buttons: [] });
    expect(parseComponents([1, "x", { type: "CAROUSEL" }, { type: "BODY", text: 5 }])).toMatchObject({ body: "" });
  });

  it("finds each variable once, in order", () => {
    expect(variablesIn("{{2}} {{1}} {{ 2 }} {{name}}")).toEqual(["2", "1", "name"]);
  });
});

describe("the parameters an agent fills in", () => {
  it("lists positional ones by number (header, body, then URL buttons with a variable) with examples", () => {
    const params = templateParameters(parseComponents(positional), "positional");
    expect(params.map((p) => p.key)).toEqual(["header:1", "body:1", "body:2", "button:1"]);
    expect(params[3]).toMatchObject({ component: "button", buttonIndex: 1, example: "1234" });
  });

  it("lists named ones by name in order of appearance", () => {
    const params = templateParameters(parseComponents(named), "named");
    expect(params.map((p) => [p.key, p.example])).toEqual([["body:first_name", "Ana"], ["body:amount", "R$ 10"]]);
  });

  it("sorts positional numbers numerically, not as text", () => {
    const t = parseComponents([{ type: "BODY", text: Array.from({ length: 11 }, (_, i) => `{{${11 - i}}}`).join(" ") }]);
    expect(templateParameters(t, "positional").map((p) => p.name)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]);
  });
});

describe("the preview", () => {
  const t = parseComponents(positional);
  it("fills in the values, repeats a repeated variable, and keeps the placeholder of an empty one in the live preview", () => {
    const live = renderTemplate(t, { params: { "body:1": "Maria" } }, { placeholders: true });
    expect(live.body).toBe("Olá Maria, seu pedido {{2}} saiu. Maria, obrigado!");
    expect(live.header).toEqual({ type: "text", text: "Pedido {{1}}" });
    expect(live.buttons[1]).toEqual({ type: "URL", text: "Rastrear", url: "https://loja.example.com/r/{{1}}" });
    const sent = renderTemplate(t, { params: { "header:1": "#9", "body:1": "Maria", "body:2": "#9", "button:1": "9" } });
    expect(sent).toMatchObject({ header: { type: "text", text: "Pedido #9" }, footer: "Loja Demo" });
    expect(sent.buttons[1]!.url).toBe("https://loja.example.com/r/9");
    expect(sent.buttons[2]).toEqual({ type: "PHONE_NUMBER", text: "Ligar", phoneNumber: "+551190000001" });
  });

  it("shows a media header with its link", () => {
    expect(renderTemplate(parseComponents(named), { params: {}, headerMedia: { link: "https://x.example/b.pdf", filename: "boleto.pdf" } }).header).toEqual({
      type: "document",
      link: "https://x.example/b.pdf",
      filename: "boleto.pdf",
    });
  });
});

describe("what Meta would refuse", () => {
  it("names each missing or malformed value", () => {
    const t = parseComponents(positional);
    expect(valueProblems(t, "positional", { params: { "header:1": "a", "body:1": "x\ty", "body:2": "a     b" } })).toEqual({
      "body:1": "template_param_newline",
      "body:2": "template_param_spaces",
      "button:1": "required",
    });
    const long = "x".repeat(1000);
    expect(valueProblems(t, "positional", { params: { "header:1": "a".repeat(60), "body:1": long, "body:2": "y", "button:1": "1" } })).toMatchObject({
      body: "template_text_too_long",
      header: "template_text_too_long",
    });
  });

  it("wants a media header's file as an https link or a media id", () => {
    const t = parseComponents(named);
    const params = { "body:first_name": "A", "body:amount": "B" };
    expect(valueProblems(t, "named", { params })).toEqual({ headerMedia: "template_media_required" });
    expect(valueProblems(t, "named", { params, headerMedia: { link: "javascript:alert(1)" } })).toEqual({ headerMedia: "template_media_link" });
    expect(valueProblems(t, "named", { params, headerMedia: { link: "http://x.example/a.pdf" } })).toEqual({ headerMedia: "template_media_link" });
    expect(valueProblems(t, "named", { params, headerMedia: { link: "https://x.example/a.pdf" } })).toEqual({});
    expect(valueProblems(t, "named", { params, headerMedia: { id: "1234567890" } })).toEqual({});
  });
});

describe("the send request's components", () => {
  it("carries positional header and body parameters in order and each URL button's suffix by index", () => {
    const t = parseComponents(positional);
    expect(buildSendComponents(t, "positional", { params: { "header:1": "#9", "body:2": "#9", "body:1": "Maria", "button:1": "9" } })).toEqual([
      { type: "header", parameters: [{ type: "text", text: "#9" }] },
      { type: "body", parameters: [{ type: "text", text: "Maria" }, { type: "text", text: "#9" }] },
      { type: "button", sub_type: "url", index: "1", parameters: [{ type: "text", text: "9" }] },
    ]);
  });

  it("names named parameters and sends a media header by link (with a document's file name) or by id", () => {
    const t = parseComponents(named);
    const params = { "body:first_name": "Ana", "body:amount": "R$ 10" };
    expect(buildSendComponents(t, "named", { params, headerMedia: { link: "https://x.example/b.pdf", filename: "boleto.pdf" } })).toEqual([
      { type: "header", parameters: [{ type: "document", document: { link: "https://x.example/b.pdf", filename: "boleto.pdf" } }] },
      {
        type: "body",
        parameters: [
          { type: "text", text: "Ana", parameter_name: "first_name" },
          { type: "text", text: "R$ 10", parameter_name: "amount" },
        ],
      },
    ]);
    expect(buildSendComponents(t, "named", { params, headerMedia: { id: "555" } })[0]).toEqual({ type: "header", parameters: [{ type: "document", document: { id: "555" } }] });
  });

  it("sends no components for a template without variables", () => {
    expect(buildSendComponents(parseComponents([{ type: "BODY", text: "Oi!" }]), "positional", { params: {} })).toEqual([]);
  });

  it("reads the stored request back for a retry, and nothing from a payload without one", () => {
    const components = [{ type: "body" as const, parameters: [{ type: "text" as const, text: "a" }] }];
    expect(storedTemplateRequest({ template: { name: "x", language: "pt_BR", components } })).toEqual({ name: "x", language: { code: "pt_BR" }, components });
    expect(storedTemplateRequest({ template: { name: "x" } })).toBeNull();
    expect(storedTemplateRequest(null)).toBeNull();
  });
});

describe("status webhook events", () => {
  it("maps Meta's events to the status they leave, and leaves the rest to the sync", () => {
    expect(statusOfEvent("APPROVED")).toBe("approved");
    expect(statusOfEvent("PAUSED")).toBe("paused");
    expect(statusOfEvent("REINSTATED")).toBe("approved");
    expect(statusOfEvent("PENDING_DELETION")).toBe("pending_deletion");
    expect(statusOfEvent("FLAGGED")).toBeNull();
  });
});
