import { useEffect, useRef, useState } from 'react';
import type { Item } from '../../../core/model/item';
import type { LabelSchema } from '../../../core/model/labelSchema';
import { createEditor, type Editor } from '../../editor/createEditor';
import { autosaveDraft } from '../../review/autosaveDraft';
import type { DisputeStore, StoredDispute } from '../../review/disputeStore';
import { keyLayerOf } from '../../review/reviewKeys';
import { reviewLabelSchema } from '../../review/reviewSchema';
import { runVideoReviewCommand, type VideoReviewCommandContext } from '../../review/runVideoReviewCommand';
import { coreVideoMerging } from '../../review/videoMerging';
import { VideoReviewCommitter } from '../../review/videoReviewCommitter';
import { VideoReviewSession } from '../../review/videoReviewSession';
import { errorText } from '../network/errorText';
import { loadSavedKeymap } from '../labeling/useEditorSession';
import { useStore } from '../StoreContext';
import { reviewItem } from './useReviewWorkbench';

export interface VideoReviewWorkbench {
  stored: StoredDispute;
  session: VideoReviewSession;
  committer: VideoReviewCommitter;
  editor: Editor;
  schema: LabelSchema;
  /** The downloaded clip as a video item, for the frame engine (useVideoFrame). */
  clip: Item;
}

/** The stored clip as the frame engine reads it: the download's file, the hub's frame count and rate. */
function clipItem(stored: StoredDispute, frameCount: number, fps: number): Item {
  return { ...reviewItem(stored), kind: 'video', video: { frameCount, fps, durationSec: frameCount / fps, variableFrameRate: false, codec: '', rotation: 0 } };
}

/**
 * Opens a downloaded video dispute for review: the session (resuming the
 * saved draft), an editor over the current frame through a
 * VideoReviewCommitter, and the draft saved after every decision so an
 * offline review survives a reload.
 */
export function useVideoReviewWorkbench(disputes: DisputeStore, stored: StoredDispute): { workbench: VideoReviewWorkbench | null; error: string | null } {
  const [workbench, setWorkbench] = useState<VideoReviewWorkbench | null>(null);
  const [error, setError] = useState<string | null>(null);
  const store = useStore();
  const { hubUrl, itemId } = stored.record;

  useEffect(() => {
    let live = true;
    let cleanup = () => undefined as void;
    loadSavedKeymap(store).then(
      ({ keymap }) => {
        if (!live) return;
        try {
          const session = new VideoReviewSession(stored.dispute, coreVideoMerging, stored.draft);
          const schema = reviewLabelSchema(stored.dispute);
          const committer = new VideoReviewCommitter(session, schema);
          const editor = createEditor({ committer, labelSchema: schema, author: 'reviewer', keymap, keyContexts: ['editor'] });
          editor.loadItem(reviewItem(stored));
          const off = autosaveDraft(session, (draft) => void disputes.saveDraft(hubUrl, itemId, draft));
          cleanup = () => {
            off();
            editor.dispose();
          };
          setWorkbench({ stored, session, committer, editor, schema, clip: clipItem(stored, session.frameCount, stored.dispute.video?.fps ?? 30) });
        } catch (e) {
          setError(errorText(e));
        }
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
      cleanup();
    };
  }, [disputes, stored, hubUrl, itemId, store]);

  return { workbench, error };
}

export interface VideoReviewKeyOptions extends VideoReviewCommandContext {
  canSubmit(): boolean;
  act(run: () => void): void;
}

/** Reviewer keys for a video review in the editor's dispatcher while not `paused`. */
export function useVideoReviewKeys(workbench: VideoReviewWorkbench, options: VideoReviewKeyOptions, paused: boolean): void {
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const { editor, session } = workbench;
  useEffect(() => {
    if (paused) return;
    const context: VideoReviewCommandContext = { startRedraw: (i) => optionsRef.current.startRedraw(i), submit: () => optionsRef.current.submit() };
    return editor.keys.addLayer(keyLayerOf((command) => runVideoReviewCommand(session, command, context), { canSubmit: () => optionsRef.current.canSubmit(), act: (run) => optionsRef.current.act(run) }));
  }, [editor, session, paused]);
}
