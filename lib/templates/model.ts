/**
 * A WhatsApp message template as Meta's Graph API returns it, read into what
 * the app needs: the parts the customer sees (header, body, footer, buttons),
 * the parameters an agent fills in, the message as it will look, and the
 * `components` the send request carries. Pure and client-safe: the settings
 * list, the composer's picker, the chat bubble and the server all use it.
 *
 * Meta's shapes: developers.facebook.com/docs/whatsapp/business-management-api/message-templates
 * (components) and .../cloud-api/guides/send-message-templates (sending).
 */

import type { SendComponent, TextParameter } from "@/lib/whatsapp/templates-api";

export type { SendComponent, TemplateRequest } from "@/lib/whatsapp/templates-api";

export type ParameterFormat = "positional" | "named";

export type HeaderFormat = "TEXT" | "IMAGE" | "VIDEO" | "DOCUMENT" | "LOCATION";
export const MEDIA_HEADER_FORMATS = ["IMAGE", "VIDEO", "DOCUMENT"] as const;
export type MediaHeaderFormat = (typeof MEDIA_HEADER_FORMATS)[number];

export type TemplateHeader = { format: "TEXT"; text: string } | { format: Exclude<HeaderFormat, "TEXT"> };

export type TemplateButton = {
  /** QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, OTP, FLOW, … as Meta names them. */
  type: string;
  text: string;
  /** Its position among the template's buttons: what a button parameter names as `index`. */
  index: number;
  url?: string;
  phoneNumber?: string;
};

export type ParsedTemplate = {
  header: TemplateHeader | null;
  body: string;
  footer: string | null;
  buttons: TemplateButton[];
  /** Examples Meta keeps for each parameter ("body:1", "body:first_name", "header:1", "button:0"). */
  examples: Record<string, string>;
};

/** One value an agent fills in. `key` names it in forms and in `TemplateValues.params`. */
export type TemplateParameter = {
  key: string;
  component: "header" | "body" | "button";
  /** "1", "2"… for positional templates, the name for named ones (URL buttons are always positional). */
  name: string;
  buttonIndex?: number;
  example?: string;
};

/**
 * A media header's file: a public https link, or (later) the id of media uploaded to Meta.
 * Both are what Meta accepts in a header parameter (`{ link }` or `{ id }`).
 */
export type HeaderMedia = { link: string; filename?: string } | { id: string; filename?: string };

export type TemplateValues = { params: Record<string, string>; headerMedia?: HeaderMedia | null };

/** Meta's limits for a template message once its parameters are in (error 132005 when exceeded). */
export const BODY_MAX_LENGTH = 1024;
export const HEADER_TEXT_MAX_LENGTH = 60;
/** Longest single parameter value we accept: the body's whole limit. */
export const PARAM_MAX_LENGTH = BODY_MAX_LENGTH;

const CONTROL = /[\u0000-\u001f\u007f]/;
const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

function obj(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
function firstString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return firstString(value[0]);
  return undefined;
}

/** The variables a text names, in order of first appearance, each once. */
export function variablesIn(text: string): string[] {
  const seen: string[] = [];
  for (const match of text.matchAll(VARIABLE)) if (!seen.includes(match[1]!)) seen.push(match[1]!);
  return seen;
}

/** Reads Meta's `components` defensively: unknown component types are ignored, a template without a body has an empty one. */
export function parseComponents(components: unknown): ParsedTemplate {
  const parsed: ParsedTemplate = { header: null, body: "", footer: null, buttons: [], examples: {} };
  for (const raw of Array.isArray(components) ? components : []) {
    const component = obj(raw);
    const type = str(component.type)?.toUpperCase();
    const example = obj(component.example);
    if (type === "HEADER") {
      const format = (str(component.format)?.toUpperCase() ?? "TEXT") as HeaderFormat;
      if (format === "TEXT") {
        const text = str(component.text) ?? "";
        parsed.header = { format, text };
        const positional = firstString(example.header_text);
        const [variable] = variablesIn(text);
        if (positional !== undefined && variable) parsed.examples[`header:${variable}`] = positional;
        for (const named of Array.isArray(example.header_text_named_params) ? example.header_text_named_params : []) {
          const { param_name: name, example: value } = obj(named);
          if (typeof name === "string" && typeof value === "string") parsed.examples[`header:${name}`] = value;
        }
      } else if (["IMAGE", "VIDEO", "DOCUMENT", "LOCATION"].includes(format)) {
        parsed.header = { format: format as Exclude<HeaderFormat, "TEXT"> };
      }
    } else if (type === "BODY") {
      parsed.body = str(component.text) ?? "";
      const rows = Array.isArray(example.body_text) ? example.body_text : [];
      const values = Array.isArray(rows[0]) ? rows[0] : [];
      values.forEach((value, i) => {
        if (typeof value === "string") parsed.examples[`body:${i + 1}`] = value;
      });
      for (const named of Array.isArray(example.body_text_named_params) ? example.body_text_named_params : []) {
        const { param_name: name, example: value } = obj(named);
        if (typeof name === "string" && typeof value === "string") parsed.examples[`body:${name}`] = value;
      }
    } else if (type === "FOOTER") {
      parsed.footer = str(component.text);
    } else if (type === "BUTTONS") {
      const buttons = Array.isArray(component.buttons) ? component.buttons : [];
      buttons.forEach((rawButton, index) => {
        const button = obj(rawButton);
        const buttonType = str(button.type)?.toUpperCase() ?? "QUICK_REPLY";
        parsed.buttons.push({
          type: buttonType,
          text: str(button.text) ?? "",
          index,
          ...(str(button.url) ? { url: str(button.url)! } : {}),
          ...(str(button.phone_number) ? { phoneNumber: str(button.phone_number)! } : {}),
        });
        const sample = firstString(button.example);
        if (buttonType === "URL" && sample !== undefined) parsed.examples[`button:${index}`] = sample;
      });
    }
  }
  return parsed;
}

function byNumber(a: string, b: string) {
  return Number(a) - Number(b);
}

/**
 * Every value the template needs, in the order the form shows them: the
 * header's, the body's, then each URL button's dynamic suffix (Meta allows
 * one `{{1}}` at the end of a URL button's address).
 */
export function templateParameters(template: ParsedTemplate, format: ParameterFormat): TemplateParameter[] {
  const order = (names: string[]) => (format === "positional" ? [...names].sort(byNumber) : names);
  const parameters: TemplateParameter[] = [];
  if (template.header?.format === "TEXT") {
    for (const name of order(variablesIn(template.header.text))) {
      parameters.push({ key: `header:${name}`, component: "header", name, example: template.examples[`header:${name}`] });
    }
  }
  for (const name of order(variablesIn(template.body))) {
    parameters.push({ key: `body:${name}`, component: "body", name, example: template.examples[`body:${name}`] });
  }
  for (const button of template.buttons) {
    if (button.type === "URL" && button.url && variablesIn(button.url).length > 0) {
      const key = `button:${button.index}`;
      parameters.push({ key, component: "button", name: "1", buttonIndex: button.index, example: suffixOf(button.url, template.examples[key]) });
    }
  }
  return parameters;
}

/** Meta's URL example is the whole address; the agent types only the part that replaces `{{1}}`. */
function suffixOf(url: string, example: string | undefined): string | undefined {
  if (!example) return undefined;
  const prefix = url.split(/\{\{/)[0] ?? "";
  return example.startsWith(prefix) ? example.slice(prefix.length) : example;
}

export function mediaHeaderFormat(template: ParsedTemplate): MediaHeaderFormat | null {
  const format = template.header?.format;
  return format && (MEDIA_HEADER_FORMATS as readonly string[]).includes(format) ? (format as MediaHeaderFormat) : null;
}

function fill(text: string, component: string, params: Record<string, string>, placeholder: boolean): string {
  return text.replace(VARIABLE, (whole, name: string) => {
    const value = params[`${component}:${name}`];
    return value ? value : placeholder ? whole : "";
  });
}

export type RenderedHeader = { type: "text"; text: string } | { type: "image" | "video" | "document"; link?: string; id?: string; filename?: string } | { type: "location" };

export type RenderedTemplate = {
  header: RenderedHeader | null;
  body: string;
  footer: string | null;
  buttons: { type: string; text: string; url?: string; phoneNumber?: string }[];
};

/**
 * The message as the customer will see it. With `placeholders`, a value not
 * filled in yet keeps its `{{name}}` (the live preview); without, it is left out.
 */
export function renderTemplate(template: ParsedTemplate, values: TemplateValues, { placeholders = false } = {}): RenderedTemplate {
  let header: RenderedHeader | null = null;
  if (template.header?.format === "TEXT") header = { type: "text", text: fill(template.header.text, "header", values.params, placeholders) };
  else if (template.header?.format === "LOCATION") header = { type: "location" };
  else if (template.header) {
    const type = template.header.format.toLowerCase() as "image" | "video" | "document";
    header = { type, ...(values.headerMedia ?? {}) };
  }
  return {
    header,
    body: fill(template.body, "body", values.params, placeholders),
    footer: template.footer,
    buttons: template.buttons.map((button) => ({
      type: button.type,
      text: button.text,
      ...(button.url ? { url: button.url.replace(VARIABLE, (whole) => values.params[`button:${button.index}`] || (placeholders ? whole : "")) } : {}),
      ...(button.phoneNumber ? { phoneNumber: button.phoneNumber } : {}),
    })),
  };
}

/** Why a value cannot be sent, as a validation message key (messages: validation.<key>). */
export type ValueProblem = "required" | "template_param_control" | "template_param_newline" | "template_param_spaces" | "template_param_too_long" | "template_text_too_long" | "template_media_link" | "template_media_required";

/**
 * Checks what Meta would refuse before anything is stored: every parameter
 * filled in, no line breaks, tabs or more than four spaces in a row (Meta
 * refuses them in parameters), the texts within Meta's limits once filled in,
 * and a media header's file given as an https link or a media id.
 */
export function valueProblems(template: ParsedTemplate, format: ParameterFormat, values: TemplateValues): Record<string, ValueProblem> {
  const problems: Record<string, ValueProblem> = {};
  for (const parameter of templateParameters(template, format)) {
    const value = values.params[parameter.key] ?? "";
    if (!value.trim()) problems[parameter.key] = "required";
    // NUL and other control characters: Postgres cannot store them in text or jsonb, and WhatsApp shows none.
    else if (CONTROL.test(value.replace(/[\n\r\t]/g, ""))) problems[parameter.key] = "template_param_control";
    else if (/[\n\r\t]/.test(value)) problems[parameter.key] = "template_param_newline";
    else if (/ {5,}/.test(value)) problems[parameter.key] = "template_param_spaces";
    else if (value.length > PARAM_MAX_LENGTH) problems[parameter.key] = "template_param_too_long";
  }
  const rendered = renderTemplate(template, values);
  if (!problems.body && Array.from(rendered.body).length > BODY_MAX_LENGTH) problems.body = "template_text_too_long";
  if (rendered.header?.type === "text" && Array.from(rendered.header.text).length > HEADER_TEXT_MAX_LENGTH) problems.header = "template_text_too_long";
  if (mediaHeaderFormat(template)) {
    const media = values.headerMedia;
    if (!media) problems.headerMedia = "template_media_required";
    else if (CONTROL.test(media.filename ?? "") || ("link" in media && CONTROL.test(media.link))) problems.headerMedia = "template_param_control";
    else if ("link" in media && !isHttpsUrl(media.link)) problems.headerMedia = "template_media_link";
    else if ("id" in media && !/^\d{1,64}$/.test(media.id)) problems.headerMedia = "template_media_required";
  }
  return problems;
}

export function isHttpsUrl(value: string): boolean {
  if (value.length > 2000) return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" && Boolean(url.hostname);
  } catch {
    return false;
  }
}

/**
 * The `components` of the send request: header and body parameters in the
 * template's order (named ones carry `parameter_name`), a media header by link
 * or id, and each URL button's suffix. Components without parameters are left
 * out, as Meta expects.
 */
export function buildSendComponents(template: ParsedTemplate, format: ParameterFormat, values: TemplateValues): SendComponent[] {
  const parameters = templateParameters(template, format);
  const text = (p: TemplateParameter): TextParameter => ({
    type: "text",
    text: values.params[p.key] ?? "",
    ...(format === "named" && p.component !== "button" ? { parameter_name: p.name } : {}),
  });
  const components: SendComponent[] = [];
  const media = mediaHeaderFormat(template);
  if (media && values.headerMedia) {
    const type = media.toLowerCase() as "image" | "video" | "document";
    const source = "id" in values.headerMedia ? { id: values.headerMedia.id } : { link: values.headerMedia.link };
    const filename = type === "document" && values.headerMedia.filename ? { filename: values.headerMedia.filename } : {};
    components.push({ type: "header", parameters: [{ type, [type]: { ...source, ...filename } }] });
  } else {
    const header = parameters.filter((p) => p.component === "header").map(text);
    if (header.length) components.push({ type: "header", parameters: header });
  }
  const body = parameters.filter((p) => p.component === "body").map(text);
  if (body.length) components.push({ type: "body", parameters: body });
  for (const p of parameters.filter((p) => p.component === "button")) {
    components.push({ type: "button", sub_type: "url", index: String(p.buttonIndex), parameters: [text(p)] });
  }
  return components;
}
