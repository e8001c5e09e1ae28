"use client";

import { useEffect, useState, type ComponentType } from "react";
import type { ToasterProps } from "sonner";
import { onToasterWanted } from "./toast";

/**
 * Mounts sonner's Toaster (components/ui/sonner-toaster.tsx) when the first
 * toast is asked for (components/ui/toast.ts), so pages do not load it up front.
 */
export function Toaster(props: ToasterProps) {
  const [Loaded, setLoaded] = useState<ComponentType<ToasterProps> | null>(null);
  useEffect(
    () =>
      onToasterWanted(() => {
        void import("./sonner-toaster").then(({ Toaster: Sonner }) => setLoaded(() => Sonner));
      }),
    [],
  );
  return Loaded ? <Loaded {...props} /> : null;
}
