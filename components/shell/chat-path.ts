/** Whether a path is one open chat (/inbox/<id>), which on a phone fills the screen on its own. */
export function isChatPath(pathname: string): boolean {
  return /^\/inbox\/[^/]+/.test(pathname);
}
