import { cn } from "@/lib/utils";

/**
 * A styled native <select>: works without JavaScript inside GET forms (the
 * filters live in the URL), a phone opens its own picker, screen readers and
 * tests get a plain combobox, and it costs the page no script (a Radix
 * Select, its popper and scroll lock weigh ~84 KiB before hydration).
 */
export function NativeSelect({ className, ...props }: React.ComponentProps<"select">) {
  return (
    <select
      className={cn(
        "h-9 w-full rounded-md border border-input bg-transparent px-2 text-sm shadow-xs outline-none",
        "focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-input/30",
        "aria-invalid:border-destructive aria-invalid:ring-destructive/20 dark:aria-invalid:ring-destructive/40",
        className,
      )}
      {...props}
    />
  );
}
