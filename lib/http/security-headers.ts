import type { BrowserRealtimeConfig } from "@/lib/realtime/config";

/**
 * The headers every response carries (pages, API routes, the webhook), set by
 * next.config.ts `headers()`: they cost a static header match, nothing per
 * request in our code. Strict-Transport-Security only in a production build:
 * browsers ignore it over plain HTTP (and on IP addresses), and honour it when
 * they reached the app over HTTPS, including through a TLS-terminating proxy
 * in front of `npm start`, since what counts is the connection the browser
 * made. No includeSubDomains and no preload: other hosts of the operator's
 * domain are not ours to pin to HTTPS.
 */
export function staticSecurityHeaders({ production }: { production: boolean }): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // Old browsers that ignore the CSP's frame-ancestors; API answers and the webhook get it too.
    { key: "X-Frame-Options", value: "DENY" },
    // Nothing in the app uses these; clipboard writes (copy buttons) stay allowed.
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=31536000" }] : []),
  ];
}

/**
 * Where the browser's Pusher connection goes. pusher-js is limited to ws/wss
 * (components/realtime/realtime-provider.tsx), so no sockjs or XHR hosts.
 * A configured host gets both schemes: pusher-js switches to wss by itself on
 * a page served over HTTPS.
 */
export function realtimeConnectSources(config: BrowserRealtimeConfig): string[] {
  if (!config.wsHost) return [`wss://ws-${config.cluster}.pusher.com`];
  const hostPort = `${config.wsHost}${config.wsPort ? `:${config.wsPort}` : ""}`;
  return config.forceTLS ? [`wss://${hostPort}`] : [`ws://${hostPort}`, `wss://${hostPort}`];
}

/**
 * The pages' Content-Security-Policy, with a fresh nonce per request
 * (proxy.ts). Next.js reads the nonce from this header while rendering and
 * puts it on its own scripts; 'strict-dynamic' lets those load the chunks they
 * import. Styles allow 'unsafe-inline': Radix and sonner set style attributes
 * and inject <style> elements that no nonce can cover (a nonce in style-src
 * would also switch 'unsafe-inline' off). Development needs 'unsafe-eval' for
 * React's debugging aids; production never has it.
 */
export function contentSecurityPolicy({ nonce, dev, connectSources }: { nonce: string; dev: boolean; connectSources: string[] }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src 'self' ${connectSources.join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** 128 random bits, base64: unguessable, and new for every page request. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
