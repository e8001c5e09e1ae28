"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import { createBotAction, updateBotAction } from "@/app/(dashboard)/settings/bots/actions";
import { KeywordTags } from "@/components/settings/keyword-tags";
import { NativeSelect } from "@/components/ui/native-select";
import { SettingSwitch } from "@/components/settings/setting-switch";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { KEYWORD_MAX_LENGTH } from "@/lib/bots/keywords";
import {
  BOT_AUDIENCES,
  BOT_NAME_MAX_LENGTH,
  BOT_TRIGGERS,
  CAPTION_MAX_LENGTH,
  DELAY_MAX_SECONDS,
  INTERACTIVE_BODY_MAX_LENGTH,
  INTERACTIVE_FOOTER_MAX_LENGTH,
  LEAD_STATUSES,
  LIST_BUTTON_MAX_LENGTH,
  ONCE_PER_MAX_HOURS,
  TAG_MAX_LENGTH,
  TEXT_REPLY_MAX_LENGTH,
  type BotReplyKind,
} from "@/lib/bots/rules/definition";
import type { BotChoice, BotDetail } from "@/lib/bots/rules/manage-queries";
import type { TemplateListItem } from "@/lib/templates/queries";
import { BotOptions } from "./bot-options";
import { BotPreview } from "./bot-preview";
import { BotTemplateReply } from "./bot-template-reply";
import { BOT_VARIABLES } from "./bot-variables";
import { initialState, inputOf, withTrigger, type EditorState } from "./editor-state";
import { HelpWithCounter, RadioCards } from "./field-bits";

type SourceOption = { id: string; name: string; systemKey: string | null };
type MemberOption = { userId: string; name: string };

type Props = {
  bot: BotDetail | null;
  bots: BotChoice[];
  templates: TemplateListItem[];
  sources: SourceOption[];
  members: MemberOption[];
};

const REPLY_KINDS: readonly BotReplyKind[] = ["text", "media", "template", "buttons", "list"];

/** Which server error paths each piece of the editor's state answers for. */
const ERROR_PATHS: Record<keyof EditorState, readonly string[]> = {
  name: ["name"],
  enabled: ["enabled"],
  audience: ["audience"],
  trigger: ["trigger"],
  keywords: ["keywords"],
  keywordMatch: ["keywordMatch"],
  replyKind: ["reply"],
  text: ["reply.text"],
  media: ["reply.mediaType", "reply.link", "reply.caption", "reply.filename"],
  template: ["reply.templateId", "reply.params", "reply.headerLink"],
  body: ["reply.body"],
  footer: ["reply.footer"],
  buttons: ["reply.buttons"],
  listButton: ["reply.buttonLabel"],
  rows: ["reply.rows"],
  leadStatus: ["actions.leadStatus"],
  leadSourceId: ["actions.leadSourceId"],
  addTag: ["actions.addTag"],
  assignUserId: ["actions.assignUserId"],
  handOver: ["actions.handOver"],
  delaySeconds: ["delaySeconds"],
  oncePerHours: ["oncePerHours"],
};

/** Errors the fields below do not show themselves (a malformed reply as a whole): said above the save button. */
const UNPLACED = ["_form", "reply", "actions"];

/**
 * The bot editor: a full page, in the order an admin thinks of a bot (what
 * it is, when it answers, what it says, what else it does, when). Saved as a
 * whole; the server's field errors come back keyed by path
 * (`reply.buttons.1.title`) and are shown at their field.
 */
export function BotEditor({ bot, bots, templates, sources, members }: Props) {
  const t = useTranslations("bots.editor");
  const tr = useTranslations("bots.trigger");
  const ta = useTranslations("bots.audience");
  const tk = useTranslations("bots.replyKind");
  const tStatus = useTranslations("settings.autoLead.statuses");
  const tSource = useTranslations("settings.leadSources.system");
  const tCommon = useTranslations("common");
  const router = useRouter();
  const [state, setState] = useState<EditorState>(() => initialState(bot));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const textRef = useRef<HTMLTextAreaElement>(null);
  /** A field's error goes once the admin changes it; the server checks everything again on save. */
  const set = <K extends keyof EditorState>(key: K, value: EditorState[K]) => {
    setState((s) => ({ ...s, [key]: value }));
    clearErrors(ERROR_PATHS[key]);
  };
  function clearErrors(prefixes: readonly string[]) {
    setErrors((current) => {
      const kept = Object.entries(current).filter(([path]) => !prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}.`)));
      return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept);
    });
  }

  function save() {
    const input = inputOf(state);
    startTransition(async () => {
      const result = bot ? await updateBotAction({ id: bot.id, ...input }) : await createBotAction(input);
      if (!result.ok) {
        // A keyword's own error ("keywords.3") shows on the keywords field.
        const fields = Object.entries(result.fieldErrors ?? {}).map(([path, message]) => [path.replace(/^keywords\.\d+$/, "keywords"), message] as const);
        setErrors(Object.fromEntries(fields.reverse()));
        toast.error(result.error);
        return;
      }
      setErrors({});
      toast.success(bot ? t("saved", { name: input.name.trim() }) : t("created", { name: input.name.trim() }));
      router.push("/settings/bots");
      router.refresh();
    });
  }

  /** Puts a variable where the cursor is in the text (at the end when the field was never focused). */
  function insertVariable(token: string) {
    const area = textRef.current;
    const start = area?.selectionStart ?? state.text.length;
    const end = area?.selectionEnd ?? state.text.length;
    const text = state.text.slice(0, start) + token + state.text.slice(end);
    set("text", text.slice(0, TEXT_REPLY_MAX_LENGTH));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  const unplaced = UNPLACED.map((key) => errors[key]).filter(Boolean);
  const interactive = state.replyKind === "buttons" || state.replyKind === "list";
  const sourceLabel = (source: SourceOption) => (source.systemKey ? tSource(source.systemKey) : source.name);

  return (
    <form
      noValidate
      data-wide
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Button asChild variant="ghost" size="sm">
          <Link href="/settings/bots">
            <ArrowLeft aria-hidden />
            {t("back")}
          </Link>
        </Button>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{bot ? t("editTitle") : t("newTitle")}</h2>
          </CardTitle>
          <CardDescription>{t("intro")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6 *:min-w-0">
          <FormField id="bot-name" label={t("name")} description={<HelpWithCounter help={t("nameHelp")} value={state.name} max={BOT_NAME_MAX_LENGTH} />} error={errors.name}>
            <Input {...fieldAria("bot-name", errors.name, true)} value={state.name} maxLength={BOT_NAME_MAX_LENGTH} autoComplete="off" onChange={(e) => set("name", e.target.value)} />
          </FormField>
          <SettingSwitch id="bot-enabled" label={t("enabled")} help={t("enabledHelp")} checked={state.enabled} onCheckedChange={(checked) => set("enabled", checked)} error={errors.enabled} />
          <RadioCards
            name="bot-audience"
            legend={t("audience")}
            value={state.audience}
            onChange={(audience) => set("audience", audience)}
            error={errors.audience}
            columns="sm:grid-cols-3"
            options={BOT_AUDIENCES.map((audience) => ({ value: audience, label: ta(`${audience}.label`), help: ta(`${audience}.help`) }))}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("triggerTitle")}</h2>
          </CardTitle>
          <CardDescription>{t("triggerIntro")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6 *:min-w-0">
          <RadioCards
            name="bot-trigger"
            legend={t("trigger")}
            value={state.trigger}
            onChange={(trigger) => {
              setState((s) => withTrigger(s, trigger));
              clearErrors(["trigger", "keywords", "oncePerHours"]);
            }}
            error={errors.trigger}
            options={BOT_TRIGGERS.map((trigger) => ({
              value: trigger,
              label: tr(`${trigger}.label`),
              help:
                trigger === "away"
                  ? tr.rich("away.helpLink", {
                      link: (chunks) => (
                        <Link href="/settings/business-hours" className="underline underline-offset-2">
                          {chunks}
                        </Link>
                      ),
                    })
                  : tr(`${trigger}.help`),
            }))}
          />
          {state.trigger === "keyword" && (
            <>
              <FormField id="bot-keywords" label={t("keywords")} description={t("keywordsHelp")} error={errors.keywords}>
                <KeywordTags id="bot-keywords" value={state.keywords} onChange={(keywords) => set("keywords", keywords)} maxLength={KEYWORD_MAX_LENGTH} error={errors.keywords} hasDescription />
              </FormField>
              <RadioCards
                name="bot-keyword-match"
                legend={t("keywordMatch")}
                value={state.keywordMatch}
                onChange={(match) => set("keywordMatch", match)}
                error={errors.keywordMatch}
                columns="sm:grid-cols-2"
                options={[
                  { value: "contains", label: t("matchContains"), help: t("matchContainsHelp") },
                  { value: "exact", label: t("matchExact"), help: t("matchExactHelp") },
                ]}
              />
            </>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("replyTitle")}</h2>
          </CardTitle>
          <CardDescription>{t("replyIntro")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6 md:grid-cols-[minmax(0,1fr)_16rem]">
          <div className="grid min-w-0 content-start gap-6">
            <RadioCards
              name="bot-reply-kind"
              legend={t("replyKind")}
              value={state.replyKind}
              onChange={(kind) => set("replyKind", kind)}
              columns="grid-cols-2 sm:grid-cols-3"
              options={REPLY_KINDS.map((kind) => ({ value: kind, label: tk(kind) }))}
            />
            {state.replyKind === "text" && (
              <FormField id="bot-text" label={t("text")} description={<HelpWithCounter help={t("textHelp")} value={state.text} max={TEXT_REPLY_MAX_LENGTH} />} error={errors["reply.text"]}>
                <Textarea ref={textRef} {...fieldAria("bot-text", errors["reply.text"], true)} rows={5} maxLength={TEXT_REPLY_MAX_LENGTH} value={state.text} onChange={(e) => set("text", e.target.value)} />
                <div className="flex flex-wrap gap-1.5" role="group" aria-label={t("variables.label")}>
                  {BOT_VARIABLES.map((variable) => (
                    <Button key={variable.key} type="button" variant="secondary" size="sm" onClick={() => insertVariable(variable.token)} aria-label={t("insertVariable", { variable: t(`variables.${variable.key}`) })}>
                      <span aria-hidden>{t(`variables.${variable.key}`)}</span>
                      <code aria-hidden className="text-xs text-muted-foreground">
                        {variable.token}
                      </code>
                    </Button>
                  ))}
                </div>
              </FormField>
            )}
            {state.replyKind === "media" && (
              <>
                <RadioCards
                  name="bot-media-type"
                  legend={t("mediaType")}
                  value={state.media.mediaType}
                  onChange={(mediaType) => set("media", { ...state.media, mediaType })}
                  error={errors["reply.mediaType"]}
                  columns="grid-cols-2"
                  options={[
                    { value: "image", label: tk("media_image") },
                    { value: "document", label: tk("media_document") },
                  ]}
                />
                <FormField id="bot-media-link" label={t("mediaLink")} description={t("mediaLinkHelp")} error={errors["reply.link"]}>
                  <Input
                    {...fieldAria("bot-media-link", errors["reply.link"], true)}
                    type="url"
                    inputMode="url"
                    placeholder="https://"
                    maxLength={2000}
                    value={state.media.link}
                    onChange={(e) => set("media", { ...state.media, link: e.target.value })}
                  />
                </FormField>
                <FormField id="bot-media-caption" label={t("caption")} description={<HelpWithCounter help={t("optional")} value={state.media.caption} max={CAPTION_MAX_LENGTH} />} error={errors["reply.caption"]}>
                  <Textarea
                    {...fieldAria("bot-media-caption", errors["reply.caption"], true)}
                    rows={3}
                    maxLength={CAPTION_MAX_LENGTH}
                    value={state.media.caption}
                    onChange={(e) => set("media", { ...state.media, caption: e.target.value })}
                  />
                </FormField>
                {state.media.mediaType === "document" && (
                  <FormField id="bot-media-filename" label={t("filename")} description={t("filenameHelp")} error={errors["reply.filename"]}>
                    <Input
                      {...fieldAria("bot-media-filename", errors["reply.filename"], true)}
                      maxLength={240}
                      value={state.media.filename}
                      onChange={(e) => set("media", { ...state.media, filename: e.target.value })}
                    />
                  </FormField>
                )}
              </>
            )}
            {state.replyKind === "template" && (
              <>
                <p className="text-sm text-muted-foreground">{t("templateHelp")}</p>
                <BotTemplateReply value={state.template} onChange={(template) => set("template", template)} templates={templates} errors={errors} />
              </>
            )}
            {interactive && (
              <>
                <p className="text-sm text-muted-foreground">{t("interactiveHelp")}</p>
                <FormField id="bot-body" label={t("body")} description={<HelpWithCounter help={t("bodyHelp")} value={state.body} max={INTERACTIVE_BODY_MAX_LENGTH} />} error={errors["reply.body"]}>
                  <Textarea {...fieldAria("bot-body", errors["reply.body"], true)} rows={4} maxLength={INTERACTIVE_BODY_MAX_LENGTH} value={state.body} onChange={(e) => set("body", e.target.value)} />
                </FormField>
                <FormField id="bot-footer" label={t("footer")} description={<HelpWithCounter help={t("optional")} value={state.footer} max={INTERACTIVE_FOOTER_MAX_LENGTH} />} error={errors["reply.footer"]}>
                  <Input {...fieldAria("bot-footer", errors["reply.footer"], true)} maxLength={INTERACTIVE_FOOTER_MAX_LENGTH} value={state.footer} onChange={(e) => set("footer", e.target.value)} />
                </FormField>
                {state.replyKind === "list" && (
                  <FormField id="bot-list-button" label={t("listButton")} description={<HelpWithCounter help={t("listButtonHelp")} value={state.listButton} max={LIST_BUTTON_MAX_LENGTH} />} error={errors["reply.buttonLabel"]}>
                    <Input {...fieldAria("bot-list-button", errors["reply.buttonLabel"], true)} maxLength={LIST_BUTTON_MAX_LENGTH} value={state.listButton} onChange={(e) => set("listButton", e.target.value)} />
                  </FormField>
                )}
                {state.replyKind === "buttons" ? (
                  <BotOptions kind="buttons" options={state.buttons} onChange={(buttons) => set("buttons", buttons)} bots={bots} errors={errors} />
                ) : (
                  <BotOptions kind="rows" options={state.rows} onChange={(rows) => set("rows", rows)} bots={bots} errors={errors} />
                )}
                <p className="text-xs text-muted-foreground">{t("loopsHelp")}</p>
              </>
            )}
          </div>
          <div className="min-w-0 md:sticky md:top-4 md:self-start">
            <BotPreview state={state} templates={templates} />
          </div>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("actionsTitle")}</h2>
          </CardTitle>
          <CardDescription>{t("actionsIntro")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6 *:min-w-0 sm:grid-cols-2">
          <FormField id="bot-lead-status" label={t("leadStatus")} error={errors["actions.leadStatus"]}>
            <NativeSelect {...fieldAria("bot-lead-status", errors["actions.leadStatus"])} className="h-10" value={state.leadStatus ?? ""} onChange={(e) => set("leadStatus", e.target.value || null)}>
              <option value="">{t("noChange")}</option>
              {LEAD_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {tStatus(status)}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField id="bot-lead-source" label={t("leadSource")} error={errors["actions.leadSourceId"]}>
            <NativeSelect {...fieldAria("bot-lead-source", errors["actions.leadSourceId"])} className="h-10" value={state.leadSourceId ?? ""} onChange={(e) => set("leadSourceId", e.target.value || null)}>
              <option value="">{t("noChange")}</option>
              {state.leadSourceId && !sources.some((s) => s.id === state.leadSourceId) && <option value={state.leadSourceId}>{t("unavailable")}</option>}
              {sources.map((source) => (
                <option key={source.id} value={source.id}>
                  {sourceLabel(source)}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField id="bot-tag" label={t("addTag")} description={t("addTagHelp")} error={errors["actions.addTag"]}>
            <Input {...fieldAria("bot-tag", errors["actions.addTag"], true)} maxLength={TAG_MAX_LENGTH} value={state.addTag} autoComplete="off" onChange={(e) => set("addTag", e.target.value)} />
          </FormField>
          <FormField id="bot-assign" label={t("assignTo")} error={errors["actions.assignUserId"]}>
            <NativeSelect {...fieldAria("bot-assign", errors["actions.assignUserId"])} className="h-10" value={state.assignUserId ?? ""} onChange={(e) => set("assignUserId", e.target.value || null)}>
              <option value="">{t("noChange")}</option>
              {state.assignUserId && !members.some((m) => m.userId === state.assignUserId) && <option value={state.assignUserId}>{t("unavailable")}</option>}
              {members.map((member) => (
                <option key={member.userId} value={member.userId}>
                  {member.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <div className="sm:col-span-2">
            <SettingSwitch id="bot-hand-over" label={t("handOver")} help={t("handOverHelp")} checked={state.handOver} onCheckedChange={(checked) => set("handOver", checked)} error={errors["actions.handOver"]} />
          </div>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("timingTitle")}</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-6 *:min-w-0 sm:grid-cols-2">
          <FormField id="bot-delay" label={t("delay")} description={t("delayHelp", { max: DELAY_MAX_SECONDS })} error={errors.delaySeconds}>
            <Input
              {...fieldAria("bot-delay", errors.delaySeconds, true)}
              type="number"
              inputMode="numeric"
              min={0}
              max={DELAY_MAX_SECONDS}
              step={1}
              className="max-w-32"
              value={state.delaySeconds}
              onChange={(e) => set("delaySeconds", e.target.value)}
            />
          </FormField>
          <FormField
            id="bot-once-per"
            label={t("oncePerHours")}
            description={state.trigger === "fallback" ? t("oncePerHoursFallback") : t("oncePerHoursHelp")}
            error={errors.oncePerHours}
          >
            <Input
              {...fieldAria("bot-once-per", errors.oncePerHours, true)}
              type="number"
              inputMode="numeric"
              min={1}
              max={ONCE_PER_MAX_HOURS}
              step={1}
              className="max-w-32"
              required={state.trigger === "fallback"}
              aria-required={state.trigger === "fallback"}
              value={state.oncePerHours}
              onChange={(e) => set("oncePerHours", e.target.value)}
            />
          </FormField>
        </CardContent>
      </Card>

      {unplaced.length > 0 && (
        <div role="alert" className="rounded-md border border-destructive/40 p-3 text-sm text-destructive">
          {unplaced.join(" ")}
        </div>
      )}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? tCommon("saving") : bot ? tCommon("save") : t("create")}
        </Button>
        <Button asChild variant="outline">
          <Link href="/settings/bots">{tCommon("cancel")}</Link>
        </Button>
      </div>
    </form>
  );
}
