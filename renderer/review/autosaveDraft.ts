/** What both review sessions (image and video) offer for saving their draft. */
export interface DraftSource<D> {
  getDraft(): D;
  subscribe(listener: () => void): () => void;
}

/** Saves the session's draft whenever it changes (not on other notifications), so an offline review survives a reload; returns the unsubscribe. */
export function autosaveDraft<D>(session: DraftSource<D>, save: (draft: D) => void): () => void {
  let saved = session.getDraft();
  return session.subscribe(() => {
    const draft = session.getDraft();
    if (draft === saved) return;
    saved = draft;
    save(draft);
  });
}
