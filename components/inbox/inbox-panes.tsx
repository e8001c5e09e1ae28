"use client";

import { useParams } from "next/navigation";
import { cn } from "@/lib/utils";
import { useKeyboardViewportHeight } from "./use-keyboard-viewport-height";

/**
 * Two panes on wide screens (list 360 px | chat). On narrow ones only one
 * fits: the list at /inbox, the chat at /inbox/<id> (its header links back).
 */
export function InboxPanes({ list, children }: { list: React.ReactNode; children: React.ReactNode }) {
  const chatOpen = Boolean(useParams<{ conversationId?: string }>()?.conversationId);
  // While an iOS keyboard is up, the open chat shrinks to what is still visible, so the composer sits above it.
  const keyboardHeight = useKeyboardViewportHeight();
  return (
    // Below md the list sits under the 3rem top bar, which an open chat hides.
    <div
      className={cn("flex min-h-0 w-full md:h-dvh", chatOpen ? "h-dvh" : "h-[calc(100dvh-3rem)]")}
      style={chatOpen && keyboardHeight > 0 ? { height: keyboardHeight } : undefined}
    >
      <aside className={cn("w-full min-w-0 flex-col border-r md:flex md:w-[360px] md:shrink-0", chatOpen ? "hidden" : "flex")}>{list}</aside>
      <section className={cn("min-w-0 flex-1 flex-col md:flex", chatOpen ? "flex" : "hidden")}>{children}</section>
    </div>
  );
}
