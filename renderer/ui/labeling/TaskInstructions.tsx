import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { HubTaskRecord } from '../../store/syncRecords';
import { downloadedTaskOf, hasBrief, hubTaskOfProject, markInstructionsSeen, type DownloadedTask } from '../../sync/hubTasks';
import { useStore } from '../StoreContext';
import { parseBrief, type Span } from './briefMarkdown';
import { Modal } from './Modal';

export interface TaskInstructionsState {
  /** The downloaded hub task of this project when it has instructions or examples; null for any other project. */
  task: (DownloadedTask & { record: HubTaskRecord }) | null;
  open: boolean;
  show: () => void;
  /** Closes the instructions and remembers, per task, that they were seen. */
  close: () => void;
}

/** A hub task's brief for a project: opens by itself until the annotator has seen it once (before their first item). */
export function useTaskInstructions(projectId: string): TaskInstructionsState {
  const store = useStore();
  const [task, setTask] = useState<TaskInstructionsState['task']>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let live = true;
    setTask(null);
    setOpen(false);
    void hubTaskOfProject(store.db, projectId).then((record) => {
      if (!live || !record) return;
      let downloaded: DownloadedTask;
      try {
        downloaded = downloadedTaskOf(record);
      } catch {
        return; // not a downloaded task: nothing to show
      }
      if (!hasBrief(downloaded)) return;
      setTask({ ...downloaded, record });
      setOpen(record.instructionsSeenAt === undefined);
    });
    return () => {
      live = false;
    };
  }, [store, projectId]);
  const show = useCallback(() => setOpen(true), []);
  const close = useCallback(() => {
    setOpen(false);
    if (!task || task.record.instructionsSeenAt !== undefined) return;
    const at = Date.now();
    void markInstructionsSeen(store.db, task.record.hubUrl, task.record.taskId, at);
    setTask({ ...task, record: { ...task.record, instructionsSeenAt: at } });
  }, [store, task]);
  return { task, open, show, close };
}

function SpanText({ spans }: { spans: Span[] }) {
  return <>{spans.map((s, i) => (s.bold ? <strong key={i}>{s.text}</strong> : <span key={i}>{s.text}</span>))}</>;
}

/** The instructions as React text nodes (never HTML): paragraphs, line breaks, headings, lists, bold. */
function BriefText({ markdown }: { markdown: string }) {
  const blocks = useMemo(() => parseBrief(markdown), [markdown]);
  return (
    <div className="task-brief-text" data-testid="task-instructions-text">
      {blocks.map((block, i): ReactNode => {
        if (block.kind === 'heading')
          return (
            <h3 key={i} style={{ textTransform: 'none', letterSpacing: 'normal', fontSize: 15, color: 'var(--text)', margin: '4px 0' }}>
              <SpanText spans={block.spans} />
            </h3>
          );
        if (block.kind === 'list') {
          const items = block.items.map((spans, j) => (
            <li key={j}>
              <SpanText spans={spans} />
            </li>
          ));
          return block.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
        }
        return (
          <p key={i} style={{ margin: '0 0 8px' }}>
            {block.lines.map((spans, j) => (
              <span key={j}>
                {j > 0 && <br />}
                <SpanText spans={spans} />
              </span>
            ))}
          </p>
        );
      })}
    </div>
  );
}

/** Blob URLs for the examples' bytes (checked against their sha256 by the host), revoked when the dialog closes. */
function useExampleUrls(examples: NonNullable<DownloadedTask['brief']>['examples']): { sha256: string; url: string }[] {
  const urls = useMemo(() => examples.map((e) => ({ sha256: e.sha256, url: URL.createObjectURL(new Blob([e.bytes as Uint8Array<ArrayBuffer>], { type: e.mime })) })), [examples]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u.url)), [urls]);
  return urls;
}

/** What the annotator reads before their first item: the task's title, instructions and example images. */
export function TaskInstructionsDialog({ task, onClose }: { task: NonNullable<TaskInstructionsState['task']>; onClose: () => void }) {
  const examples = useExampleUrls(task.brief?.examples ?? []);
  return (
    <Modal title={task.brief?.title ?? task.record.title} onClose={onClose} wide testId="task-instructions">
      {task.briefError && (
        <p className="hint" data-testid="task-instructions-error">
          The instructions could not be loaded: {task.briefError}. Download the task again to retry.
        </p>
      )}
      {task.brief && task.brief.instructions.trim() !== '' && <BriefText markdown={task.brief.instructions} />}
      {examples.length > 0 && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {examples.map((e, i) => (
            <img key={e.sha256} src={e.url} alt={`Example ${i + 1}`} data-testid="task-example" style={{ maxWidth: 220, maxHeight: 180, objectFit: 'contain', border: '1px solid var(--border)', borderRadius: 4 }} />
          ))}
        </div>
      )}
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <button className="btn primary" data-testid="task-instructions-start" onClick={onClose} autoFocus>
          Start labeling
        </button>
      </div>
    </Modal>
  );
}

/** The button that opens the instructions again; only for hub tasks that have some. */
export function ShowInstructionsButton({ state }: { state: TaskInstructionsState }) {
  if (!state.task) return null;
  return (
    <button className="btn icon" title="Task instructions" aria-label="Task instructions" data-testid="show-instructions" onClick={state.show}>
      ℹ
    </button>
  );
}
