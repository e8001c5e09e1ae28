import { beforeEach, describe, expect, it, vi } from "vitest";

// sonner itself needs a DOM; what is under test is that the wrapper hands every call through once sonner is loaded,
// and tells the Toaster host to mount on the first toast and not before.
const sonner = vi.hoisted(() => {
  const toast = Object.assign(vi.fn(), { success: vi.fn(), error: vi.fn(), info: vi.fn(), dismiss: vi.fn() });
  return { toast };
});
vi.mock("sonner", () => sonner);

beforeEach(() => {
  vi.resetModules();
  vi.clearAllMocks();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("components/ui/toast", () => {
  it("asks for the Toaster only with the first toast, then passes each call to sonner", async () => {
    const { toast, onToasterWanted } = await import("@/components/ui/toast");
    const wanted = vi.fn();
    onToasterWanted(wanted);
    toast.dismiss("nothing-yet");
    await settle();
    expect(wanted).not.toHaveBeenCalled();
    expect(sonner.toast.dismiss).not.toHaveBeenCalled();

    toast.success("Saved", { id: "a" });
    toast.error("Refused");
    toast.info("Note");
    toast("Assigned to you", { duration: 10_000 });
    await settle();
    expect(wanted).toHaveBeenCalledTimes(1);
    expect(sonner.toast.success).toHaveBeenCalledWith("Saved", { id: "a" });
    expect(sonner.toast.error).toHaveBeenCalledWith("Refused", undefined);
    expect(sonner.toast.info).toHaveBeenCalledWith("Note", undefined);
    expect(sonner.toast).toHaveBeenCalledWith("Assigned to you", { duration: 10_000 });

    toast.dismiss("a");
    await settle();
    expect(sonner.toast.dismiss).toHaveBeenCalledWith("a");
  });

  it("tells a host that subscribes after the first toast at once", async () => {
    const { toast, onToasterWanted } = await import("@/components/ui/toast");
    toast.success("Saved");
    await settle();
    const late = vi.fn();
    const unsubscribe = onToasterWanted(late);
    expect(late).toHaveBeenCalledTimes(1);
    unsubscribe();
  });
});
