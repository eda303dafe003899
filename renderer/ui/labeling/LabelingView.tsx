import { lazy, Suspense, useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { FormatFile } from '../../../core/formats';
import type { Project } from '../../../core/model/project';
import type { Editor } from '../../editor/createEditor';
import type { AppAction, EditorSnapshot } from '../../editor/types';
import { LabelCanvas } from '../../canvas/LabelCanvas';
import { useHost } from '../../platform/HostContext';
import { useStore } from '../StoreContext';
import { ShapePanels } from './ShapePanels';
import { HelpOverlay } from './HelpOverlay';
import { neighbourInList } from './itemNavigation';
import { ItemList } from './ItemList';
import { PrelabelPanel } from '../prelabel/PrelabelPanel';
import { usePrelabel, type PrelabelSession } from '../prelabel/usePrelabel';
import { useItemQueue } from './useItemQueue';
import type { ItemSummary } from '../../store/labelStore';
import { StatusBar } from './StatusBar';
import { useSaveState } from './useSaveState';
import type { ItemDocument } from '../../store/itemDocument';
import { Toolbar } from './Toolbar';
import { ShowInstructionsButton, TaskInstructionsDialog, useTaskInstructions } from './TaskInstructions';
import { useEditorHotkeys } from './useEditorHotkeys';
import { LOCAL_AUTHOR, useEditorSession } from './useEditorSession';
import { useRememberedCamera } from './useRememberedCamera';
import { useRememberedItem } from './useRememberedItem';
import { VideoWorkbench } from '../video/VideoWorkbench';

// Format code loads when first needed, so it does not delay opening a project.
const ExportDialog = lazy(() => import('./ExportDialog').then((m) => ({ default: m.ExportDialog })));
const ImportDialog = lazy(() => import('./ImportDialog').then((m) => ({ default: m.ImportDialog })));

type Dialog = 'help' | 'export' | { import: FormatFile[] } | null;

export function LabelingView({ project }: { project: Project }) {
  const store = useStore();
  const [dialog, setDialog] = useState<Dialog>(null);
  const queue = useItemQueue(project.id);
  const items = queue.visible;
  const [current, setCurrent] = useState<{ id: string; order: number } | null>(null);
  const place = useRememberedItem(project.id);
  const prelabel = usePrelabel(project, LOCAL_AUTHOR);
  // A hub task's instructions open by themselves before the first item, and pause the labeling keys while open.
  const instructions = useTaskInstructions(project.id);

  const onAppAction = (action: AppAction) => {
    if (action === 'help.toggle') setDialog((d) => (d === 'help' ? null : 'help'));
    else if (action === 'item.next' || action === 'item.prev') go(action === 'item.next' ? 1 : -1);
    else if (action === 'item.done') void markDone();
    else if (action === 'prelabel.item') {
      const item = queue.all.find((i) => i.id === current?.id);
      if (item) void prelabel.runner.runItem(item);
    }
  };
  const session = useEditorSession(project, onAppAction);
  const { editor, openItem } = session;
  const { rememberItem } = place;

  const open = useCallback(
    (item: (typeof items)[number]) => {
      setCurrent({ id: item.id, order: item.order });
      rememberItem(item.id);
      void openItem(item);
    },
    [openItem, rememberItem],
  );
  function go(step: 1 | -1) {
    const next = neighbourInList(items, current, step);
    if (next) open(next);
  }
  async function markDone() {
    if (current) await store.setItemStatus(current.id, 'done');
  }

  // The item the project was left at opens by itself (the first one when it is gone or there is none),
  // so the view is never empty when there is work.
  const { remembered } = place;
  useEffect(() => {
    if (current || remembered === undefined || !items[0]) return;
    open(items.find((i) => i.id === remembered?.itemId) ?? items[0]);
  }, [current, items, open, remembered]);

  useEditorHotkeys(editor, dialog !== null || instructions.open);

  return (
    <div className="labeling" data-testid="labeling-view">
      <aside className="side left">
        <section style={{ flex: 'none' }}>
          <div className="row">
            <h3 className="grow">Items</h3>
            <ShowInstructionsButton state={instructions} />
            <button className="btn icon" title="Previous item (D)" aria-label="Previous item" data-testid="prev-item-button" onClick={() => go(-1)}>
              ‹
            </button>
            <button className="btn icon" title="Next item (F)" aria-label="Next item" data-testid="next-item-button" onClick={() => go(1)}>
              ›
            </button>
          </div>
        </section>
        <section style={{ flex: 1, minHeight: 0, padding: '8px 0 0' }}>
          <ItemList
            items={items}
            currentId={current?.id ?? null}
            filter={queue.filter}
            onFilter={queue.setFilter}
            order={queue.order}
            onOrder={queue.setOrder}
            onOpen={open}
            failures={queue.failures}
            picked={queue.picked}
            onPick={(item) => queue.togglePicked(item.id)}
          />
        </section>
        <section style={{ flex: 'none' }}>
          <button className="btn primary" data-testid="mark-done-button" disabled={!current} onClick={() => void markDone()} title="Mark done (Ctrl+Enter)">
            ✓ Mark done
          </button>
        </section>
      </aside>
      {editor && session.document?.item.kind === 'video' ? (
        <>
          <VideoWorkbench key={session.document.item.id} editor={editor} document={session.document} project={project} startFrame={place.startFrameOf(session.document.item.id)} onFrame={place.rememberFrame} keysPaused={dialog !== null || instructions.open} onExport={() => setDialog('export')} onImport={(files) => setDialog({ import: files })} onHelp={() => setDialog('help')} />
          <Dialogs editor={editor} project={project} dialog={dialog} setDialog={setDialog} />
        </>
      ) : editor ? (
        <Workbench editor={editor} document={session.document} project={project} dialog={dialog} setDialog={setDialog} error={session.error} prelabel={prelabel} allItems={queue.all} picked={queue.all.filter((i) => queue.picked.has(i.id))} />
      ) : <div className="center hint" style={{ padding: 24 }}>{items.length === 0 ? 'This project has no items.' : 'Opening…'}</div>}
      {instructions.open && instructions.task && <TaskInstructionsDialog task={instructions.task} onClose={instructions.close} />}
    </div>
  );
}

interface WorkbenchProps {
  editor: Editor;
  document: ItemDocument | null;
  project: Project;
  dialog: Dialog;
  setDialog: (d: Dialog) => void;
  error: string | null;
  prelabel: PrelabelSession;
  allItems: readonly ItemSummary[];
  picked: readonly ItemSummary[];
}

/** Toolbar, canvas and side panels, all reading one editor snapshot. */
function Workbench({ editor, document, project, dialog, setDialog, error, prelabel, allItems, picked }: WorkbenchProps) {
  const host = useHost();
  const saveState = useSaveState(document);
  const snapshot: EditorSnapshot = useSyncExternalStore(editor.subscribe, editor.getSnapshot);
  useRememberedCamera(editor, document?.item.id ?? null);
  const imageUrl = snapshot.item ? host.mediaUrl(project.rootId, snapshot.item.relPath) : null;
  return (
    <>
      <main className="center">
        <Toolbar editor={editor} snapshot={snapshot} onExport={() => setDialog('export')} onImport={(files) => setDialog({ import: files })} onHelp={() => setDialog('help')} />
        <div className="canvas-wrap">
          <LabelCanvas snapshot={snapshot} imageUrl={imageUrl} input={editor} />
          {error && <div className="canvas-message">{error}</div>}
        </div>
        <StatusBar snapshot={snapshot} saveState={saveState} />
      </main>
      <aside className="side right">
        <ShapePanels editor={editor} snapshot={snapshot} />
        <PrelabelPanel session={prelabel} project={project} editor={editor} snapshot={snapshot} allItems={allItems} picked={picked} />
      </aside>
      <Dialogs editor={editor} project={project} dialog={dialog} setDialog={setDialog} />
    </>
  );
}

/** Help, export and import dialogs, shared by the image and the video workbench. */
function Dialogs({ editor, project, dialog, setDialog }: { editor: Editor; project: Project; dialog: Dialog; setDialog: (d: Dialog) => void }) {
  return (
    <>
      {dialog === 'help' && <HelpOverlay editor={editor} onClose={() => setDialog(null)} />}
      <Suspense fallback={null}>
        {dialog === 'export' && <ExportDialog project={project} onClose={() => setDialog(null)} />}
        {typeof dialog === 'object' && dialog !== null && <ImportDialog project={project} files={dialog.import} onClose={() => setDialog(null)} />}
      </Suspense>
    </>
  );
}
