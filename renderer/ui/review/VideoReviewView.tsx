import { useState, useSyncExternalStore } from 'react';
import { LabelCanvas } from '../../canvas/LabelCanvas';
import type { DisputeStore, StoredDispute } from '../../review/disputeStore';
import { useEditorHotkeys } from '../labeling/useEditorHotkeys';
import { useVideoFrame } from '../video/useVideoFrame';
import { plural } from '../words/plural';
import { ReviewTimelineLanes } from './ReviewTimelineLanes';
import { useReviewActions } from './useReviewActions';
import { useVideoReviewKeys, useVideoReviewWorkbench, type VideoReviewWorkbench } from './useVideoReviewWorkbench';
import { VerdictSignDialog } from './VerdictSignDialog';
import { VideoReviewSidePanel } from './VideoReviewSidePanel';
import { VideoTrackOverlayLayer } from './VideoTrackOverlayLayer';

interface Props {
  disputes: DisputeStore;
  stored: StoredDispute;
  onClose: () => void;
}

/** Reviewer mode for a disputed video item: the frame with every annotator's tracks, lanes per annotator, the decisions, sign-and-submit. */
export function VideoReviewView({ disputes, stored, onClose }: Props) {
  const { workbench, error } = useVideoReviewWorkbench(disputes, stored);
  return (
    <>
      {error && <div className="error-box">{error}</div>}
      {workbench?.session.notice && (
        <div className="error-box" role="status" data-testid="video-review-notice">
          {workbench.session.notice}
        </div>
      )}
      {workbench && <VideoReviewBench workbench={workbench} disputes={disputes} onClose={onClose} />}
    </>
  );
}

function VideoReviewBench({ workbench, disputes, onClose }: { workbench: VideoReviewWorkbench; disputes: DisputeStore; onClose: () => void }) {
  const { session, editor, committer, stored, clip } = workbench;
  const review = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const snapshot = useSyncExternalStore(editor.subscribe, editor.getSnapshot);
  const { problem, act, startRedraw, submit, submitted, signing, setSigning } = useReviewActions(workbench, disputes, snapshot.tool);
  // The frame engine prefetches in the direction the reviewer moves.
  const [direction, setDirection] = useState<'forward' | 'backward' | 'none'>('none');
  const [lastFrame, setLastFrame] = useState(review.frame);
  if (review.frame !== lastFrame) {
    setLastFrame(review.frame);
    setDirection(review.frame > lastFrame ? 'forward' : 'backward');
  }
  const media = stored.record.media;
  const frameView = useVideoFrame(media?.rootId ?? '', clip, review.frame, direction);

  useVideoReviewKeys(workbench, { startRedraw, submit: () => void submit(), canSubmit: () => !submitted, act }, signing !== null);
  useEditorHotkeys(editor, signing !== null);

  const open = session.unresolved();
  return (
    <>
      <aside className="side left">
        <section>
          <button className="btn ghost" data-testid="review-back" onClick={onClose}>
            ← Review queue
          </button>
          <h3>{stored.dispute.fileName}</h3>
          <div className="stat">
            task {stored.dispute.taskId} · item {stored.dispute.itemId} · {review.frameCount} frames
          </div>
          <div className="stat" data-testid="review-open-count" data-value={open.length}>
            {open.length === 0 ? 'every part decided' : `${plural(open.length, 'part')} still open: ${open.map((i) => session.partName(i)).join(', ')}`}
          </div>
          {!media && <div className="warn-text">The clip was not downloaded; download the disputes again.</div>}
        </section>
        <section>
          <div className="row">
            <button className="btn" onClick={() => editor.setTool('select')} aria-pressed={snapshot.tool === 'select'}>
              Select (V)
            </button>
          </div>
          <div className="row">
            <button className="btn" disabled={!review.canUndo} onClick={() => session.undo()}>
              Undo
            </button>
            <button className="btn" disabled={!review.canRedo} onClick={() => session.redo()}>
              Redo
            </button>
          </div>
          {committer.redrawing() !== null && <div className="hint">Drag the box of {session.partName(committer.redrawing()!)} on frame {review.frame}.</div>}
          <button className="btn primary" data-testid="submit-verdict" data-submitted={submitted ? 'true' : 'false'} disabled={open.length > 0 || submitted} onClick={() => void submit()}>
            {submitted ? 'Verdict submitted (see the outbox)' : 'Sign and submit (Enter)'}
          </button>
          {problem && (
            <div className="field-error" data-testid="review-error">
              {problem}
            </div>
          )}
        </section>
      </aside>
      <main className="center" data-testid="video-review">
        <div className="toolbar frame-controls" role="toolbar" aria-label="Frames">
          <button className="btn icon" title="Back 10 frames (<)" onClick={() => session.stepFrame(-10)}>
            «
          </button>
          <button className="btn icon" title="Previous frame (,)" onClick={() => session.stepFrame(-1)}>
            ‹
          </button>
          <span className="mono" title="Current frame (0-based) / frame count">
            <b data-testid="review-frame-number">{review.frame}</b> / {review.frameCount}
          </span>
          <button className="btn icon" title="Next frame (.)" onClick={() => session.stepFrame(1)}>
            ›
          </button>
          <button className="btn icon" title="Forward 10 frames (>)" onClick={() => session.stepFrame(10)}>
            »
          </button>
        </div>
        <div className="canvas-wrap" data-shown-frame={frameView.shownFrame ?? ''}>
          <LabelCanvas snapshot={snapshot} imageUrl={null} image={frameView.error ? null : frameView.image} input={editor} overlay={<VideoTrackOverlayLayer session={session} review={review} camera={snapshot.camera} />} />
          {frameView.error && (
            <div className="canvas-message" data-testid="frame-unreadable">
              {frameView.error}
            </div>
          )}
        </div>
        <ReviewTimelineLanes session={session} review={review} onSeek={(f) => session.setFrame(f)} />
      </main>
      <VideoReviewSidePanel keymap={editor.getKeymap()} session={session} review={review} onRedraw={startRedraw} act={act} />
      {signing && <VerdictSignDialog recordId={signing} onClose={() => setSigning(null)} onSigned={onClose} />}
    </>
  );
}
