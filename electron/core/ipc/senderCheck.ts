/** The custom scheme the app's pages are served from in Electron; no remote page ever gets the bridge. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://berth`;

/** Only the app's own top-level page may call the core (no iframes, no navigated-away pages). */
export function isTrustedSender(frameUrl: string | undefined, isTopFrame: boolean, devServerUrl?: string): boolean {
  if (!isTopFrame || !frameUrl) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  // A custom scheme's origin is opaque ("null") in WHATWG URL, so compare scheme and host.
  if (url.protocol === `${APP_SCHEME}:` && url.host === 'berth') return true;
  return devServerUrl !== undefined && url.origin === new URL(devServerUrl).origin;
}
