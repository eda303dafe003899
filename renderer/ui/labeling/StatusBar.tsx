import type { EditorSnapshot } from '../../editor/types';
import type { SaveState } from './useSaveState';
import { itemDisplayName } from '../../sync/hubItemNames';
import { toolStateWords } from '../words/toolStateWords';

/** Facts about the open item; shape-count and selected-shape-class are what tests and annotators read. */
export function StatusBar({ snapshot, saveState }: { snapshot: EditorSnapshot; saveState: SaveState }) {
  const first = snapshot.selectedIds[0];
  const selected = first === undefined ? undefined : snapshot.shapeIndex.get(first);
  const className = selected ? (snapshot.labelSchema.classes.find((c) => c.id === selected.classId)?.name ?? '(deleted class)') : '';
  const active = snapshot.labelSchema.classes.find((c) => c.id === snapshot.activeClassId);
  return (
    <div className="statusbar">
      <span>
        Boxes: <b data-testid="shape-count">{snapshot.shapes.length}</b>
      </span>
      <span>
        Selected: <b data-testid="selected-shape-class">{className}</b>
        {snapshot.selectedIds.length > 1 && ` +${snapshot.selectedIds.length - 1}`}
      </span>
      <span>New boxes: {active ? active.name : '—'}</span>
      <span data-testid="tool-state" data-state={snapshot.toolState}>
        {toolStateWords(snapshot.toolState, snapshot.selectedIds.length)}
      </span>
      <span className="grow" />
      <span data-testid="save-status" data-state={saveState.kind} className={saveState.kind === 'saved' ? 'badge' : 'badge warn'} title={saveState.kind === 'error' ? saveState.message : undefined}>
        {saveState.kind === 'saved' ? 'All changes saved' : saveState.kind === 'saving' ? 'Saving…' : 'Save failed, retrying'}
      </span>
      {snapshot.item && (
        <span className="mono" data-testid="status-item-name" title={snapshot.item.relPath}>
          {itemDisplayName(snapshot.item)} · {snapshot.item.width}×{snapshot.item.height}
        </span>
      )}
    </div>
  );
}
