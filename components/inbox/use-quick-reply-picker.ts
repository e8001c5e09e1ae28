"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import type { QuickRepliesResponse } from "@/app/api/inbox/conversations/[conversationId]/quick-replies/route";
import { getJson } from "@/components/data/get-json";
import { findSlashQuery, matchQuickReplies } from "@/lib/quick-replies/slash-query";
import type { ComposerQuickReply } from "@/lib/quick-replies/types";

/** The replies a member may use in one chat, filled for it; asked for on the first "/", then kept for a while. */
function quickRepliesQuery(conversationId: string) {
  return queryOptions({
    queryKey: ["quick-replies", conversationId] as const,
    queryFn: ({ signal }) => getJson<QuickRepliesResponse>(`/api/inbox/conversations/${encodeURIComponent(conversationId)}/quick-replies`, signal),
    // A reply added on the quick replies page shows up at the next "/" after this long.
    staleTime: 30_000,
  });
}

type Options = {
  conversationId: string;
  text: string;
  setText: (text: string) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  maxLength: number;
};

export type QuickReplyPicker = ReturnType<typeof useQuickReplyPicker>;

/**
 * The composer's "/" list: which "/query" the caret is in, the replies that
 * match it, the highlighted one, and the keys that drive it. The message box
 * stays a text box (a <textarea> may not take the combobox role) that owns the
 * list through aria-controls and aria-activedescendant, so focus never leaves
 * it. Choosing puts the reply's text in place of the "/query", for the agent
 * to edit; nothing here ever sends.
 */
export function useQuickReplyPicker({ conversationId, text, setText, textareaRef, maxLength }: Options) {
  const listboxId = useId();
  const [caret, setCaret] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  /** Escape closes the list for this "/" until the agent types a new one. */
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [active, setActive] = useState({ key: "", index: 0 });
  const caretAfterInsert = useRef<number | null>(null);

  // The caret moves without React hearing of it (arrow keys, taps), so the box's events report it. They are
  // heard on the document, after React's own listener: a state update from a listener on the box itself would
  // re-render before React saw the input, put the old value back and swallow the keystroke.
  useEffect(() => {
    const field = textareaRef.current;
    if (!field) return;
    const track = () => {
      const at = field.selectionStart === field.selectionEnd ? field.selectionStart : null;
      setCaret(at);
      const token = at === null ? null : findSlashQuery(field.value, at);
      setDismissedAt((dismissed) => (token && token.start === dismissed ? dismissed : null));
    };
    const onDocument = (event: Event) => {
      if (event.target === field || (event.type === "selectionchange" && document.activeElement === field)) track();
    };
    const focus = () => {
      setFocused(true);
      track();
    };
    const blur = () => setFocused(false);
    const events = ["input", "keyup", "click", "select", "selectionchange"] as const;
    for (const name of events) document.addEventListener(name, onDocument);
    field.addEventListener("focus", focus);
    field.addEventListener("blur", blur);
    if (document.activeElement === field) focus();
    return () => {
      for (const name of events) document.removeEventListener(name, onDocument);
      field.removeEventListener("focus", focus);
      field.removeEventListener("blur", blur);
    };
  }, [textareaRef]);

  // After an insert, the caret goes to the end of the inserted text (React has rendered the new value by now).
  useEffect(() => {
    const field = textareaRef.current;
    const at = caretAfterInsert.current;
    if (!field || at === null || field.value !== text) return;
    caretAfterInsert.current = null;
    field.setSelectionRange(at, at);
  }, [text, textareaRef]);

  const token = focused && caret !== null ? findSlashQuery(text, caret) : null;
  const open = token !== null && token.start !== dismissedAt;
  const { data, status } = useQuery({ ...quickRepliesQuery(conversationId), enabled: open });
  const options = open && data ? matchQuickReplies(data.items, token.query) : [];
  const key = token ? `${token.start}:${token.query}` : "";
  const activeIndex = options.length === 0 ? -1 : active.key === key ? Math.min(active.index, options.length - 1) : 0;
  const optionId = (reply: ComposerQuickReply) => `${listboxId}-${reply.id}`;
  const activeOption = activeIndex >= 0 ? options[activeIndex] : undefined;

  function choose(reply: ComposerQuickReply) {
    if (!token) return;
    const before = text.slice(0, token.start);
    const after = text.slice(token.end);
    // WhatsApp's limit holds for the whole draft: the reply is cut rather than the agent's own words.
    const inserted = reply.text.slice(0, Math.max(0, maxLength - before.length - after.length));
    const at = before.length + inserted.length;
    caretAfterInsert.current = at;
    setCaret(at);
    setText(before + inserted + after);
    textareaRef.current?.focus();
  }

  /** The message box's keys while the list is open; true when the list took the key (the composer then ignores it). */
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open || event.nativeEvent.isComposing) return false;
    const move = (by: number) => {
      event.preventDefault();
      if (options.length > 0) setActive({ key, index: (activeIndex + by + options.length) % options.length });
      return true;
    };
    switch (event.key) {
      case "ArrowDown":
        return move(1);
      case "ArrowUp":
        return move(-1);
      case "Enter":
        if (event.shiftKey) return false;
        // Never sends while the list is open: Enter picks the highlighted reply, or does nothing while none is.
        event.preventDefault();
        if (activeOption) choose(activeOption);
        return true;
      case "Tab":
        if (!activeOption || event.shiftKey) return false;
        event.preventDefault();
        choose(activeOption);
        return true;
      case "Escape":
        event.preventDefault();
        event.stopPropagation();
        setDismissedAt(token.start);
        return true;
      default:
        return false;
    }
  }

  return {
    open,
    query: token?.query ?? "",
    status: data ? ("ready" as const) : status === "error" ? ("error" as const) : ("loading" as const),
    hasReplies: (data?.items.length ?? 0) > 0,
    options,
    activeIndex,
    listboxId,
    optionId,
    choose,
    highlight: (index: number) => setActive({ key, index }),
    onKeyDown,
    /** For the message box: it owns the list and names the highlighted reply. */
    inputProps: {
      "aria-autocomplete": "list" as const,
      "aria-controls": open && options.length > 0 ? listboxId : undefined,
      "aria-activedescendant": open && activeOption ? optionId(activeOption) : undefined,
    },
  };
}
