"use client";

import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type ComponentType } from "react";
import { Button } from "@/components/ui/button";

/** A slower load than this shows "Loading…"; a faster one shows nothing, so a quick press does not flash a card. */
const LOADING_CARD_DELAY_MS = 300;

type Options<P> = {
  /** Whether the caller wants the panel shown now. */
  open: (props: P) => boolean;
  /** Tells the caller the panel is closed (its own open state), so the next press opens it, and loads it, again. */
  close: (props: P) => void;
};

/** The options for a panel driven by Radix's `open` / `onOpenChange` pair, as most are. */
export const byOpenChange = {
  open: (props: { open: boolean }) => props.open,
  close: (props: { onOpenChange: (open: boolean) => void }) => props.onOpenChange(false),
};

/**
 * A dialog or sheet whose code loads when it is first opened, with its
 * button shown at once. Unlike next/dynamic, which shows nothing while the
 * code loads and throws to the nearest error boundary when it cannot (this
 * app has none under the root, so the page would be lost, draft included):
 * - a load slower than 300 ms shows a "Loading…" card, so a press on a slow
 *   phone connection is seen to have worked;
 * - a failed load (offline, or a deployment that replaced the scripts) shows
 *   a card saying so, with Try again and Close; closing hands focus back to
 *   what had it and the next opening tries again.
 * The caller mounts it on the first opening and keeps it mounted, as before.
 */
export function lazyPanel<P extends object>(load: () => Promise<ComponentType<P>>, options: Options<P>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const request = () =>
    (pending ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // Not cached: the next attempt fetches again.
        pending = undefined;
        throw error;
      },
    ));

  function LazyPanel(props: P) {
    const [Component, setComponent] = useState(() => loaded);
    const [failed, setFailed] = useState(false);
    const [attempt, setAttempt] = useState(0);
    const open = options.open(props);

    useEffect(() => {
      if (Component || !open) return;
      let live = true;
      request().then(
        (component) => live && setComponent(() => component),
        (error: unknown) => {
          console.warn("[lazy] could not load a panel", error);
          if (live) setFailed(true);
        },
      );
      return () => {
        live = false;
      };
    }, [Component, open, attempt]);

    if (Component) return <Component {...props} />;
    if (!open) return null;
    return (
      <PendingPanel
        failed={failed}
        onRetry={() => {
          setFailed(false);
          setAttempt((n) => n + 1);
        }}
        onClose={() => {
          setFailed(false);
          options.close(props);
        }}
      />
    );
  }
  return LazyPanel;
}

/** What a panel shows while its code loads (after a moment) or after it failed to. */
export function PendingPanel({ failed, onRetry, onClose }: { failed: boolean; onRetry: () => void; onClose: () => void }) {
  const t = useTranslations("common");
  const messageId = useId();
  // What had focus when the panel was asked for (its button), for focus to go back to on Close.
  const [returnTo] = useState(() => (typeof document === "undefined" ? null : (document.activeElement as HTMLElement | null)));
  const [slow, setSlow] = useState(false);
  const retryRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), LOADING_CARD_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  useEffect(() => {
    if (failed) retryRef.current?.focus();
  }, [failed]);

  if (!failed && !slow) return null;
  const close = () => {
    onClose();
    if (returnTo?.isConnected) returnTo.focus();
  };
  return (
    <div className="fixed inset-0 z-50 grid place-items-center bg-black/20 p-4">
      {failed ? (
        <div
          role="alertdialog"
          aria-modal="true"
          aria-labelledby={messageId}
          className="grid max-w-sm gap-3 rounded-lg border bg-background p-4 text-sm shadow-lg"
          onKeyDown={(event) => {
            if (event.key === "Escape") close();
            // Modal: Tab goes round the card's two buttons rather than to the page behind the overlay.
            if (event.key === "Tab") {
              const buttons = event.currentTarget.querySelectorAll("button");
              const edge = event.shiftKey ? buttons[0] : buttons[buttons.length - 1];
              if (document.activeElement === edge) {
                event.preventDefault();
                (event.shiftKey ? buttons[buttons.length - 1] : buttons[0])?.focus();
              }
            }
          }}
        >
          <p id={messageId}>{t("loadFailed")}</p>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="outline" onClick={close}>
              {t("close")}
            </Button>
            <Button ref={retryRef} type="button" onClick={onRetry}>
              {t("tryAgain")}
            </Button>
          </div>
        </div>
      ) : (
        <div role="status" className="flex items-center gap-2 rounded-lg border bg-background px-4 py-3 text-sm shadow-lg">
          <LoaderCircle className="size-4 animate-spin" aria-hidden />
          {t("loading")}
        </div>
      )}
    </div>
  );
}
