import type { RefObject } from "react";

/**
 * `onCloseAutoFocus` for a Radix dialog or sheet opened by a button that is
 * not its Radix trigger (the button renders before the panel's code loads,
 * lazy-panel.tsx): Radix would give focus back to its own trigger, here
 * none, and focus would fall to the page's body. A caller's own handler runs
 * first and may send focus elsewhere by calling `preventDefault()`.
 */
export function focusBackTo(triggerRef: RefObject<HTMLElement | null>, callerHandler?: (event: Event) => void) {
  return (event: Event) => {
    callerHandler?.(event);
    if (event.defaultPrevented) return;
    event.preventDefault();
    triggerRef.current?.focus();
  };
}
