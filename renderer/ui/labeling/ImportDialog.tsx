import { useEffect, useState } from 'react';
import { formats, type FormatFile, type FormatId } from '../../../core/formats';
import type { Project } from '../../../core/model/project';
import { useStore } from '../StoreContext';
import { FormatSelect } from './FormatSelect';
import { Modal } from './Modal';
import { parseImport, withAddedClasses, type ParsedImport } from '../../labelImport/runImport';
import { LOCAL_AUTHOR } from './useEditorSession';
import { plural } from '../words/plural';

type Done = { count: number; warnings: string[] };

/**
 * Annotation files (picked in the toolbar) → format importer → shapes of this
 * project, written in one transaction or not at all. Known classes only →
 * imported at once; unknown classes → the user chooses to add them or not.
 */
export function ImportDialog({ project, files, onClose }: { project: Project; files: FormatFile[]; onClose: () => void }) {
  const store = useStore();
  const [format, setFormat] = useState<FormatId | 'auto'>('auto');
  const [replace, setReplace] = useState(false);
  const [parsed, setParsed] = useState<ParsedImport | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function commit(result: ParsedImport, addClasses: boolean) {
    if (!result.ok) return;
    setBusy(true);
    setFailure(null);
    try {
      let mapped = result.mapped;
      if (addClasses && mapped.newClasses.length > 0) {
        const updated = await store.updateLabelSchema(project.id, withAddedClasses(project.labelSchema, mapped.newClasses));
        const again = parseImport(files, result.format, updated, await store.listItems(project.id), LOCAL_AUTHOR);
        if (!again.ok) return setParsed(again);
        mapped = again.mapped;
      }
      const { count } = await store.importShapes(project.id, mapped.shapes, { replace });
      setDone({ count, warnings: mapped.warnings });
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    let live = true;
    setDone(null);
    setFailure(null);
    void store.listItems(project.id).then((items) => {
      if (!live) return;
      const result = parseImport(files, format, project, items, LOCAL_AUTHOR);
      setParsed(result);
      if (result.ok && result.mapped.newClasses.length === 0) void commit(result, false);
    });
    return () => {
      live = false;
    };
    // Parsing again only when the files or the chosen format change; `replace` applies to the next commit.
  }, [files, format]);

  const ready = parsed?.ok && !done ? parsed : null;
  return (
    <Modal title="Import labels" onClose={onClose} testId="import-dialog">
      <div className="stat mono">{files.map((f) => f.path).join(', ')}</div>
      <div className="row">
        <FormatSelect value={format} onChange={setFormat} extra={{ value: 'auto', label: 'Detect from the files' }} />
        <label className="row" style={{ alignSelf: 'end', height: 28 }}>
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> Replace existing boxes of those images
        </label>
      </div>
      {busy && <div className="hint">Importing…</div>}
      {parsed && !parsed.ok && (
        <div className="error-box" data-testid="import-error">
          <b>{parsed.error.file}</b>
          {parsed.error.location && <> ({parsed.error.location})</>}: {parsed.error.reason}. Nothing was imported.
        </div>
      )}
      {ready && ready.mapped.newClasses.length > 0 && (
        <div className="stack">
          <div className="error-box" data-testid="import-new-classes">
            {formats[ready.format].label}: {plural(ready.dataset.images.length, 'image')}. These classes are not in the schema: <b>{ready.mapped.newClasses.join(', ')}</b>. Add them, or import only the{' '}
            {plural(ready.mapped.shapes.length, 'box', 'boxes')} of known classes.
          </div>
          <div className="row">
            <button className="btn primary" disabled={busy} data-testid="import-add-classes-button" onClick={() => void commit(ready, true)}>
              Add {plural(ready.mapped.newClasses.length, 'class', 'classes')} and import
            </button>
            <button className="btn" disabled={busy} data-testid="import-confirm-button" onClick={() => void commit(ready, false)}>
              Import known classes only
            </button>
          </div>
        </div>
      )}
      {done && (
        <div className="ok-box" data-testid="import-result">
          Imported {plural(done.count, 'box', 'boxes')}{parsed?.ok ? ` from ${formats[parsed.format].label}` : ''}.
          {done.warnings.length > 0 && (
            <ul>
              {done.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {failure && <div className="error-box" data-testid="import-error">Import failed, nothing was written: {failure}</div>}
    </Modal>
  );
}
