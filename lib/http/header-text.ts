/** Headers carry text as URI components: a file name may hold any character, a header only Latin-1. Null when absent or malformed. */
export function headerText(request: Request, name: string): string | null {
  const raw = request.headers.get(name);
  if (raw === null) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** The exact body size a Content-Length announces, or NaN when there is none (a chunked body) or it is not a plain number. */
export function announcedSize(request: Request): number {
  const length = request.headers.get("content-length");
  return length !== null && /^\d{1,12}$/.test(length) ? Number(length) : Number.NaN;
}
