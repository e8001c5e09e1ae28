import type { ExternalToast, toast as sonnerToast } from "sonner";

/**
 * `toast` as sonner has it, minus sonner in the page's first script: a page
 * shows no toast until someone acts, so sonner (~35 KiB) and its <Toaster>
 * load with the first toast. Sonner hands the toasts made before its
 * Toaster subscribed to it when it does, so none is lost on the way.
 * Import `toast` from here, never from "sonner".
 */
type Message = Parameters<typeof sonnerToast>[0];
type Sonner = typeof import("sonner");

let sonner: Promise<Sonner> | undefined;
const toasterListeners = new Set<() => void>();

function loadSonner(): Promise<Sonner> {
  if (!sonner) {
    sonner = import("sonner");
    // The host (components/ui/sonner.tsx) renders the Toaster from now on.
    for (const listener of toasterListeners) listener();
  }
  return sonner;
}

/** For the Toaster host: called once toasts are wanted (now, if they already are). Returns the unsubscribe. */
export function onToasterWanted(listener: () => void): () => void {
  if (sonner) listener();
  toasterListeners.add(listener);
  return () => void toasterListeners.delete(listener);
}

function show(message: Message, data?: ExternalToast): void {
  void loadSonner().then(({ toast }) => toast(message, data));
}

export const toast = Object.assign(show, {
  success: (message: Message, data?: ExternalToast) => void loadSonner().then(({ toast }) => toast.success(message, data)),
  error: (message: Message, data?: ExternalToast) => void loadSonner().then(({ toast }) => toast.error(message, data)),
  info: (message: Message, data?: ExternalToast) => void loadSonner().then(({ toast }) => toast.info(message, data)),
  dismiss: (id?: string | number) => void sonner?.then(({ toast }) => toast.dismiss(id)),
});
