"use client";

import { useCallback, useState, type ComponentType } from "react";
import { PendingPanel } from "@/components/ui/lazy-panel";

/**
 * A component whose code is fetched when first wanted, for controls whose
 * button must show at once but whose menu can wait for the first press.
 * Unlike next/dynamic (which renders nothing while the code loads) the caller
 * keeps rendering its own stand-in until `Component` is there, so the button
 * never blinks. `load` must be a module-level function.
 *
 * `pending` is for the caller to render beside its stand-in: after a press,
 * a "Loading…" card if the code is slow to come, or a card saying it could
 * not be fetched (offline, or a deployment that replaced the scripts), with
 * Try again and Close; the next press tries again either way.
 */
export function useLazyComponent<P extends object>(load: () => Promise<ComponentType<P>>) {
  const [Component, setComponent] = useState<ComponentType<P> | null>(null);
  const [status, setStatus] = useState<"idle" | "loading" | "failed">("idle");
  const request = useCallback(() => {
    setStatus("loading");
    load().then(
      (loaded) => {
        setComponent(() => loaded);
        setStatus("idle");
      },
      (error: unknown) => {
        console.warn("[lazy] could not load a component", error);
        setStatus("failed");
      },
    );
  }, [load]);
  const pending =
    !Component && status !== "idle" ? (
      <PendingPanel failed={status === "failed"} onRetry={request} onClose={() => setStatus("idle")} />
    ) : null;
  return [Component, request, pending] as const;
}
