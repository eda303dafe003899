// The renderer's origin in the Electron host. Kept free of Electron imports so it is unit-tested.

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const MEDIA_SCHEME = 'gw-media';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True only for pages of our own bundled renderer (app://renderer/…). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
