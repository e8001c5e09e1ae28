/**
 * The incoming-message alert, synthesized with the Web Audio API: two quick
 * blips a fifth apart (≈880 Hz then ≈1320 Hz), like WhatsApp's "pop". Made
 * here so the product ships no third-party sound asset.
 *
 * Browsers keep an AudioContext suspended until the page gets a user gesture
 * (autoplay policy). Once resumed it keeps playing while the tab is in the
 * background, so the context is shared and created once, lazily (creating it
 * during server rendering or before it is needed would only log warnings).
 */

/** How long the alert lasts, so the single-tab lock can be held for exactly that long. */
export const ALERT_DURATION_MS = 260;

const BLIPS = [
  { frequency: 880, startS: 0, lengthS: 0.07 },
  { frequency: 1320, startS: 0.09, lengthS: 0.07 },
] as const;
const PEAK_GAIN = 0.18;
const ATTACK_S = 0.005;

let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (context) return context;
  if (typeof window === "undefined") return null;
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  context = new Ctor();
  return context;
}

/** True while the browser has not let this page play sound yet (no user gesture since load); false where Web Audio is missing. */
export function isAudioBlocked(): boolean {
  const ctx = audioContext();
  return ctx !== null && !isRunning(ctx);
}

/** Call from a click or key handler: resumes the shared context. Resolves to whether sound may now play. */
export async function unlockAudio(): Promise<boolean> {
  const ctx = audioContext();
  if (!ctx) return false;
  try {
    await ctx.resume();
  } catch {
    return false;
  }
  return isRunning(ctx);
}

// A function, not an inline check: TypeScript would keep `state` narrowed across the await that changes it.
function isRunning(ctx: AudioContext): boolean {
  return ctx.state === "running";
}

/**
 * Starts audio without a gesture, which browsers allow once the page has had
 * one. resume() stays pending rather than failing while audio is blocked,
 * hence the short wait. Resolves to whether sound may now play.
 */
export async function tryStartAudio(): Promise<boolean> {
  const ctx = audioContext();
  if (!ctx) return false;
  if (isRunning(ctx)) return true;
  await Promise.race([ctx.resume().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 100))]);
  return isRunning(ctx);
}

export class AudioBlockedError extends Error {
  constructor() {
    super("audio_blocked");
  }
}

/**
 * Plays the alert. Rejects with AudioBlockedError when the browser still
 * holds audio back, so the caller can offer a one-click "enable sound".
 */
export async function playAlertSound(): Promise<void> {
  const ctx = audioContext();
  if (!ctx) return;
  if (!(await tryStartAudio())) throw new AudioBlockedError();
  const now = ctx.currentTime + 0.01;
  for (const blip of BLIPS) {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = "sine";
    oscillator.frequency.setValueAtTime(blip.frequency, now + blip.startS);
    const start = now + blip.startS;
    const end = start + blip.lengthS;
    // Fast attack then exponential decay: a soft "pop" without clicks (exponential ramps cannot reach 0).
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(PEAK_GAIN, start + ATTACK_S);
    gain.gain.exponentialRampToValueAtTime(0.0001, end);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(start);
    oscillator.stop(end + 0.01);
    oscillator.onended = () => gain.disconnect();
  }
  await new Promise((resolve) => setTimeout(resolve, ALERT_DURATION_MS));
}
