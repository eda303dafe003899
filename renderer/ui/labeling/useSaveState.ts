import { useEffect, useState } from 'react';
import type { ItemDocument } from '../../store/itemDocument';

export type SaveState = { kind: 'saved' } | { kind: 'saving' } | { kind: 'error'; message: string };

/**
 * Whether the open item's edits are in IndexedDB yet. Edits are written at
 * once, but an annotator closing the window mid-write wants to know; so do
 * tests that reload the page.
 */
export function useSaveState(doc: ItemDocument | null): SaveState {
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  useEffect(() => {
    if (!doc) return;
    const refresh = () => setState(doc.hasUnsavedChanges ? { kind: 'saving' } : { kind: 'saved' });
    refresh();
    const unsubscribers = [
      doc.subscribe(refresh),
      doc.onDurable(refresh),
      doc.onWriteError((e) => setState({ kind: 'error', message: `Saving failed, retrying: ${e.error instanceof Error ? e.error.message : String(e.error)}` })),
    ];
    return () => unsubscribers.forEach((u) => u());
  }, [doc]);
  return state;
}
