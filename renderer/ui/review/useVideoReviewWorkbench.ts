import { useEffect, useRef, useState } from 'react';
import type { Item, VideoInfo } from '../../../core/model/item';
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
import { useHost } from '../../platform/HostContext';
import type { Host } from '../../platform/connectHost';
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

/** The stored clip as the frame engine reads it: the download's file, with this workstation's probe of it (never the hub's counts). */
function clipItem(stored: StoredDispute, video: VideoInfo): Item {
  return { ...reviewItem(stored), kind: 'video', video };
}

/** This workstation's own probe of the downloaded clip: the hub's frame count and rate are claims. */
async function probeClip(host: Host, stored: StoredDispute): Promise<VideoInfo> {
  const media = stored.record.media;
  const name = stored.dispute.fileName || stored.dispute.itemId;
  if (!media) throw new Error(`${name}: the clip was not downloaded, so its frames cannot be checked; download the disputes again`);
  try {
    return (await host.video.probe({ rootId: media.rootId, relPath: media.relPath })).info;
  } catch (e) {
    throw new Error(`${name}: the hub lists a video of ${stored.dispute.video?.frameCount ?? '?'} frames, but the downloaded file could not be probed here (${errorText(e)}); it cannot be reviewed`);
  }
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
  const host = useHost();
  const { hubUrl, itemId } = stored.record;

  useEffect(() => {
    let live = true;
    let cleanup = () => undefined as void;
    Promise.all([loadSavedKeymap(store), probeClip(host, stored)]).then(
      ([{ keymap }, probed]) => {
        if (!live) return;
        try {
          const session = new VideoReviewSession(stored.dispute, coreVideoMerging, probed.frameCount, stored.draft);
          const schema = reviewLabelSchema(stored.dispute);
          const committer = new VideoReviewCommitter(session, schema);
          const editor = createEditor({ committer, labelSchema: schema, author: 'reviewer', keymap, keyContexts: ['editor'] });
          editor.loadItem(reviewItem(stored));
          const off = autosaveDraft(session, (draft) => void disputes.saveDraft(hubUrl, itemId, draft));
          cleanup = () => {
            off();
            editor.dispose();
          };
          setWorkbench({ stored, session, committer, editor, schema, clip: clipItem(stored, probed) });
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
  }, [disputes, stored, hubUrl, itemId, store, host]);

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
