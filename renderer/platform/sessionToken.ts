const STORAGE_KEY = 'groundwork.sessionToken';

/**
 * The browser host's per-run token arrives in the URL fragment (#token=…),
 * which browsers never send to a server. It is moved to sessionStorage (so a
 * reload of this tab keeps working) and removed from the visible URL (so it
 * is not shared by copying the address or captured in screenshots).
 */
export function takeSessionToken(
  location: Pick<Location, 'hash' | 'pathname' | 'search'> = window.location,
  storage: Pick<Storage, 'getItem' | 'setItem'> = window.sessionStorage,
  history: Pick<History, 'replaceState'> = window.history,
): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    storage.setItem(STORAGE_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return storage.getItem(STORAGE_KEY);
}

/** Drops a token the host refused, so a reload does not retry it. */
export function forgetSessionToken(storage: Pick<Storage, 'removeItem'> = window.sessionStorage): void {
  storage.removeItem(STORAGE_KEY);
}

/**
 * Pasting the host's new address into a tab that shows an old one changes
 * only the fragment, which does not reload the page: reload so the new token
 * is taken.
 */
export function reloadOnNewToken(): void {
  window.addEventListener('hashchange', () => {
    if (new URLSearchParams(location.hash.replace(/^#/, '')).has('token')) location.reload();
  });
}
