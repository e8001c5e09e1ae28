"use client";

import { useSyncExternalStore } from "react";

/*
 * iOS Safari ignores the viewport's `interactive-widget=resizes-content`
 * (app/layout.tsx): its on-screen keyboard shrinks only the visual viewport,
 * so a pane sized to 100dvh keeps its composer under the keyboard. Chrome on
 * Android resizes the layout viewport itself, and then the two heights agree
 * and this hook stays out of the way.
 */

function subscribe(onChange: () => void): () => void {
  const viewport = window.visualViewport;
  viewport?.addEventListener("resize", onChange);
  viewport?.addEventListener("scroll", onChange);
  return () => {
    viewport?.removeEventListener("resize", onChange);
    viewport?.removeEventListener("scroll", onChange);
  };
}

/** The visible height in px while a keyboard covers part of the page, else 0 (no override). */
function snapshot(): number {
  const viewport = window.visualViewport;
  // A pinch zoom also shrinks the visual viewport; that is not a keyboard, and the layout must not follow it.
  if (!viewport || Math.abs(viewport.scale - 1) > 0.01) return 0;
  const height = Math.round(viewport.height);
  return height < window.innerHeight - 1 ? height : 0;
}

export function useKeyboardViewportHeight(): number {
  return useSyncExternalStore(subscribe, snapshot, () => 0);
}
