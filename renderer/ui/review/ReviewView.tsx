import { useEffect, useState, useSyncExternalStore } from 'react';
import { LabelCanvas } from '../../canvas/LabelCanvas';
import { useHost } from '../../platform/HostContext';
import type { DisputeStore, StoredDispute } from '../../review/disputeStore';
import { useEditorHotkeys } from '../labeling/useEditorHotkeys';
import { errorText } from '../network/errorText';
import { AnnotatorOverlayLayer } from './AnnotatorOverlayLayer';
import { ReviewSidePanel } from './ReviewSidePanel';
import { useReviewActions } from './useReviewActions';
import { useReviewKeys, useReviewWorkbench, type ReviewWorkbench } from './useReviewWorkbench';
import { VerdictSignDialog } from './VerdictSignDialog';
import { VideoReviewView } from './VideoReviewView';
import { plural } from '../words/plural';

interface Props {
  disputes: DisputeStore;
  hubUrl: string;
  itemId: string;
  onClose: () => void;
}

/** Reviewer mode for one disputed item: a video item's review, or the picture with every annotator's shapes, the decisions, and sign-and-submit. */
export function ReviewView({ disputes, hubUrl, itemId, onClose }: Props) {
  const [stored, setStored] = useState<StoredDispute | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    disputes.get(hubUrl, itemId).then(
      (s) => live && setStored(s),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [disputes, hubUrl, itemId]);
  return (
    <div className="labeling" data-testid="review-item" data-item-id={itemId} data-kind={stored ? (stored.dispute.video ? 'video' : 'image') : ''}>
      {error && <div className="error-box">{error}</div>}
      {stored && (stored.dispute.video ? <VideoReviewView disputes={disputes} stored={stored} onClose={onClose} /> : <ImageReview disputes={disputes} hubUrl={hubUrl} itemId={itemId} onClose={onClose} />)}
    </div>
  );
}

function ImageReview({ disputes, hubUrl, itemId, onClose }: Props) {
  const { workbench, error } = useReviewWorkbench(disputes, hubUrl, itemId);
  return (
    <>
      {error && <div className="error-box">{error}</div>}
      {workbench && <ReviewBench workbench={workbench} disputes={disputes} onClose={onClose} />}
    </>
  );
}

function ReviewBench({ workbench, disputes, onClose }: { workbench: ReviewWorkbench; disputes: DisputeStore; onClose: () => void }) {
  const host = useHost();
  const { session, editor, committer, schema, stored } = workbench;
  const review = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const snapshot = useSyncExternalStore(editor.subscribe, editor.getSnapshot);
  const { problem, act, startRedraw, submit, submitted, signing, setSigning } = useReviewActions(workbench, disputes, snapshot.tool);

  // Reviewer keys are commands of the editor's one dispatcher, over the editor's own (pan, zoom, N, undo).
  const classNames = schema.classes.map((c) => c.name);
  useReviewKeys(workbench, { classNames, startRedraw, submit: () => void submit(), canSubmit: () => !submitted, act }, signing !== null);
  useEditorHotkeys(editor, signing !== null);

  const media = stored.record.media;
  const imageUrl = media ? host.mediaUrl(media.rootId, media.relPath) : null;
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
            task {stored.dispute.taskId} · item {stored.dispute.itemId}
          </div>
          <div className="stat" data-testid="review-open-count" data-value={open.length}>
            {open.length === 0 ? 'every object decided' : `${plural(open.length, 'object')} still open`}
          </div>
          {!media && <div className="warn-text">The picture was not downloaded; download the disputes again.</div>}
        </section>
        <section>
          <div className="row">
            <button className="btn" onClick={() => editor.setTool('select')} aria-pressed={snapshot.tool === 'select'}>
              Select (V)
            </button>
            <button className="btn" onClick={() => editor.setTool('box')} aria-pressed={snapshot.tool === 'box'}>
              New object (N)
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
          {committer.redrawing() !== null && <div className="hint">Drag the new box for object {committer.redrawing()! + 1}.</div>}
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
      <main className="center">
        <div className="canvas-wrap">
          <LabelCanvas snapshot={snapshot} imageUrl={imageUrl} input={editor} overlay={<AnnotatorOverlayLayer review={review} camera={snapshot.camera} />} />
        </div>
      </main>
      <ReviewSidePanel keymap={editor.getKeymap()} session={session} review={review} schema={schema} onRedraw={startRedraw} act={act} />
      {signing && <VerdictSignDialog recordId={signing} onClose={() => setSigning(null)} onSigned={onClose} />}
    </>
  );
}
