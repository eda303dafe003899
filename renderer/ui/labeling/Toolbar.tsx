import { useState } from 'react';
import type { Editor } from '../../editor/createEditor';
import { formatChord } from '../../editor/keys/chord';
import type { ActionId, EditorSnapshot } from '../../editor/types';
import type { FormatFile } from '../../../core/formats';
import { readImportFiles } from './readImportFiles';

interface Props {
  editor: Editor;
  snapshot: EditorSnapshot;
  onExport: () => void;
  onImport: (files: FormatFile[]) => void;
  onHelp: () => void;
}

export function Toolbar({ editor, snapshot, onExport, onImport, onHelp }: Props) {
  const keymap = editor.getKeymap();
  // A picked file can fail to read (moved or deleted since the pick); said here, since no dialog opens then.
  const [readFailure, setReadFailure] = useState<string | null>(null);
  const key = (action: ActionId) => {
    const chord = keymap[action][0];
    return chord ? ` (${formatChord(chord)})` : '';
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="Tools">
      <button className={`btn${snapshot.tool === 'select' ? ' active' : ''}`} data-testid="tool-select" aria-pressed={snapshot.tool === 'select'} title={`Select${key('tool.select')}`} onClick={() => editor.setTool('select')}>
        ⬚ Select
      </button>
      <button className={`btn${snapshot.tool === 'box' ? ' active' : ''}`} data-testid="tool-box" aria-pressed={snapshot.tool === 'box'} title={`Draw box${key('tool.box')}`} onClick={() => editor.setTool('box')}>
        ▭ Box
      </button>
      <span className="sep" />
      <button className="btn icon" data-testid="undo-button" disabled={!snapshot.canUndo} title={`Undo${key('edit.undo')}`} aria-label="Undo" onClick={() => editor.undo()}>
        ↶
      </button>
      <button className="btn icon" data-testid="redo-button" disabled={!snapshot.canRedo} title={`Redo${key('edit.redo')}`} aria-label="Redo" onClick={() => editor.redo()}>
        ↷
      </button>
      <span className="sep" />
      <button className="btn icon" title={`Zoom out${key('view.zoomOut')}`} aria-label="Zoom out" onClick={() => editor.zoomBy(1 / 1.25)}>
        −
      </button>
      <span className="zoom" data-testid="zoom-level">
        {Math.round(snapshot.camera.zoom * 100)}%
      </span>
      <button className="btn icon" title={`Zoom in${key('view.zoomIn')}`} aria-label="Zoom in" onClick={() => editor.zoomBy(1.25)}>
        +
      </button>
      <button className="btn" data-testid="fit-button" title={`Fit to screen${key('view.fit')}`} onClick={() => editor.fitToScreen()}>
        Fit
      </button>
      <span className="spacer grow" />
      <label className="btn" data-testid="import-button" title="Import annotation files (COCO, YOLO, VOC, CVAT, Datumaro, Label Studio, LabelMe); a preview comes before anything is written">
        Import…
        <input
          type="file"
          multiple
          hidden
          data-testid="import-input"
          onChange={(e) => {
            const input = e.currentTarget;
            const picked = Array.from(input.files ?? []);
            input.value = ''; // so picking the same files again imports again
            setReadFailure(null);
            if (picked.length > 0) {
              void readImportFiles(picked).then(onImport, (e: unknown) => setReadFailure(`Could not read the picked files: ${e instanceof Error ? e.message : String(e)}`));
            }
          }}
        />
      </label>
      {readFailure && (
        <span className="toolbar-error" role="alert" data-testid="import-read-error" title={readFailure}>
          {readFailure}
        </span>
      )}
      <button className="btn" data-testid="export-button" onClick={onExport}>
        Export…
      </button>
      <button className="btn icon" data-testid="help-button" title={`Keyboard shortcuts${key('help.toggle')}`} aria-label="Keyboard shortcuts" onClick={onHelp}>
        ?
      </button>
    </div>
  );
}
