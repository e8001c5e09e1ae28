/**
 * V8 flags for the production server processes. Each webhook request
 * allocates short-lived objects by the hundred kilobytes; with 16 MB
 * semi-spaces (Node 20's default) a scavenge runs every few dozen requests
 * and copies whatever is still in flight. 64 MB semi-spaces cut the server's
 * CPU per message by about a tenth in `npm run bench`, for at most ~200 MB
 * more memory per process under load (V8 grows them only as needed). Node 24
 * picks 64 MB itself only where the heap gets its full 4 GB (16 GB of memory
 * or more) and scales it down with the heap on smaller servers, which is
 * where the flag still counts. A `--max-semi-space-size` in NODE_OPTIONS wins.
 */
export function serverNodeFlags(): string[] {
  return /--max-semi-space-size/.test(process.env.NODE_OPTIONS ?? "") ? [] : ["--max-semi-space-size=64"];
}
