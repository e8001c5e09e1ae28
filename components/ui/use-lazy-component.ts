"use client";

import { useCallback, useState, type ComponentType } from "react";

/**
 * A component whose code is fetched when first wanted, for controls whose
 * button must show at once but whose menu can wait for the first press.
 * Unlike next/dynamic (which renders nothing while the code loads) the caller
 * keeps rendering its own stand-in until `Component` is there, so the button
 * never blinks. `load` must be a module-level function.
 */
export function useLazyComponent<P extends object>(load: () => Promise<ComponentType<P>>) {
  const [Component, setComponent] = useState<ComponentType<P> | null>(null);
  const request = useCallback(() => {
    load().then(
      (loaded) => setComponent(() => loaded),
      // Offline or a new deployment: the stand-in stays, and the next press tries again.
      (error: unknown) => console.warn("[lazy] could not load a component", error),
    );
  }, [load]);
  return [Component, request] as const;
}
