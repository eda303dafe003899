import { useEffect, useRef, useState } from 'react';
import type { Item } from '../../../core/model/item';
import type { LabelSchema } from '../../../core/model/labelSchema';
import { createEditor, type Editor } from '../../editor/createEditor';
import { autosaveDraft } from '../../review/autosaveDraft';
import type { DisputeStore, StoredDispute } from '../../review/disputeStore';
import { ReviewCommitter } from '../../review/reviewCommitter';
import { reviewLabelSchema } from '../../review/reviewSchema';
import { ReviewSession } from '../../review/reviewSession';
import type { ReviewDraft } from '../../review/reviewTypes';
import { reviewKeyLayer, type ReviewKeyOptions } from '../../review/reviewKeys';
import { errorText } from '../network/errorText';
import { loadSavedKeymap } from '../labeling/useEditorSession';
import { useStore } from '../StoreContext';

export interface ReviewWorkbench {
  stored: StoredDispute;
  session: ReviewSession;
  committer: ReviewCommitter;
  editor: Editor;
  schema: LabelSchema;
}

/** The stored dispute as an item the editor can open (the picture lives in the download job's media root). */
export function reviewItem(stored: StoredDispute): Item {
  const { dispute, record } = stored;
  return {
    id: dispute.itemId,
    projectId: 'review',
    kind: 'image',
    relPath: record.media?.relPath ?? dispute.fileName,
    width: dispute.width,
    height: dispute.height,
    sha256: dispute.sha256,
    phash: '0'.repeat(16),
    status: 'new',
    order: 0,
  };
}

/**
 * Opens a downloaded dispute for review: the review session (resuming the
 * saved draft), an editor over it through a ReviewCommitter, and the draft
 * saved after every decision so an offline review survives a reload.
 */
export function useReviewWorkbench(disputes: DisputeStore, hubUrl: string, itemId: string): { workbench: ReviewWorkbench | null; error: string | null } {
  const [workbench, setWorkbench] = useState<ReviewWorkbench | null>(null);
  const [error, setError] = useState<string | null>(null);
  const store = useStore();

  useEffect(() => {
    let live = true;
    let cleanup = () => undefined as void;
    Promise.all([disputes.get(hubUrl, itemId), loadSavedKeymap(store)]).then(
      ([stored, { keymap }]) => {
        if (!live) return;
        const session = new ReviewSession(stored.dispute, stored.draft as ReviewDraft | undefined);
        const schema = reviewLabelSchema(stored.dispute);
        const committer = new ReviewCommitter(session, schema);
        // The user's one keymap; no labeling session here (no item keys), reviewer commands join in useReviewKeys.
        const editor = createEditor({ committer, labelSchema: schema, author: 'reviewer', keymap, keyContexts: ['editor'] });
        editor.loadItem(reviewItem(stored));
        const off = autosaveDraft(session, (draft) => void disputes.saveDraft(hubUrl, itemId, draft));
        cleanup = () => {
          off();
          editor.dispose();
        };
        setWorkbench({ stored, session, committer, editor, schema });
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
      cleanup();
    };
  }, [disputes, hubUrl, itemId, store]);

  return { workbench, error };
}

/** Reviewer keys (A–G, M, X, R, Tab, digits, Shift+digits, [ ], Enter) in the editor's dispatcher while not `paused`; the rest stay the editor's. */
export function useReviewKeys(workbench: ReviewWorkbench, options: ReviewKeyOptions, paused: boolean): void {
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const { editor, session } = workbench;
  useEffect(() => {
    if (paused) return;
    const current: ReviewKeyOptions = {
      get classNames() {
        return optionsRef.current.classNames;
      },
      startRedraw: (index) => optionsRef.current.startRedraw(index),
      submit: () => optionsRef.current.submit(),
      canSubmit: () => optionsRef.current.canSubmit(),
      act: (run) => optionsRef.current.act(run),
    };
    return editor.keys.addLayer(reviewKeyLayer(session, current));
  }, [editor, session, paused]);
}
