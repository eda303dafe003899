import { useEffect, useState } from 'react';
import { formats, type AnnotationChoice, type FormatFile, type FormatId, type ImportWarnings } from '../../../core/formats';
import type { Project } from '../../../core/model/project';
import { commitImport } from '../../labelImport/commitImport';
import { importFailureOf } from '../../labelImport/importFailure';
import { LATEST, parseImport, type ParsedImport } from '../../labelImport/runImport';
import { useStore } from '../StoreContext';
import { plural } from '../words/plural';
import { FormatSelect } from './FormatSelect';
import { ImportFailureBox } from './importFailureBox';
import { additionsText } from './importPreviewFigures';
import { ImportPreviewPanel } from './importPreviewPanel';
import { ImportWarningsList } from './importWarningsList';
import { Modal } from './Modal';
import { LOCAL_AUTHOR } from './useEditorSession';

type Done = { count: number; format: FormatId; warnings: ImportWarnings; added: string | null };

/**
 * Annotation files (picked in the toolbar) → format importer → a preview of
 * what would be written (boxes, classes, attributes, what was left out) →
 * Import writes it (schema additions, then the shapes in one transaction)
 * or Cancel leaves the project as it was. Every failure stays in the
 * dialog; the format can be changed and the files parsed again.
 */
export function ImportDialog({ project, files, onClose }: { project: Project; files: FormatFile[]; onClose: () => void }) {
  const store = useStore();
  const [format, setFormat] = useState<FormatId | 'auto'>('auto');
  const [annotations, setAnnotations] = useState<AnnotationChoice>(LATEST);
  const [replace, setReplace] = useState(false);
  const [addToSchema, setAddToSchema] = useState(true);
  const [parsed, setParsed] = useState<ParsedImport | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setDone(null);
    // The old preview goes at once: Import must never commit a preview of another format or annotation choice.
    setParsed(null);
    store.listItems(project.id).then(
      (items) => live && setParsed(parseImport(files, format, project, items, LOCAL_AUTHOR, annotations)),
      (e: unknown) => live && setParsed({ ok: false, failure: importFailureOf(e) }),
    );
    return () => {
      live = false;
    };
    // Parsed again when the files, the format or the annotation choice change; the project's schema is read at commit.
  }, [files, format, annotations]);

  async function commit() {
    if (!parsed?.ok) return;
    setBusy(true);
    try {
      const result = await commitImport(store, project, files, parsed.preview, { addToSchema, replace }, LOCAL_AUTHOR);
      if (!result.ok) return setParsed(result);
      const { mapped } = parsed.preview;
      const added = addToSchema && (mapped.newClasses.length > 0 || mapped.newAttributes.length > 0) ? `Added ${additionsText(mapped.newClasses.length, mapped.newAttributes.length)}` : null;
      setDone({ count: result.count, format: result.preview.format, warnings: result.preview.warnings, added });
    } catch (e) {
      setParsed({ ok: false, failure: importFailureOf(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title="Import labels" onClose={onClose} testId="import-dialog" wide>
      <div className="stat mono">{files.map((f) => f.path).join(', ')}</div>
      {!done && (
        <FormatSelect
          testId="import-format-select"
          value={format}
          onChange={(f) => {
            setFormat(f);
            setAnnotations(LATEST);
          }}
          extra={{ value: 'auto', label: 'Detect from the files' }}
        />
      )}
      {!parsed && <div className="hint">Reading the files…</div>}
      {busy && <div className="hint">Importing…</div>}
      {parsed && !parsed.ok && <ImportFailureBox failure={parsed.failure} />}
      {parsed?.ok && !done && (
        <ImportPreviewPanel
          preview={parsed.preview}
          addToSchema={addToSchema}
          onAddToSchema={setAddToSchema}
          replace={replace}
          onReplace={setReplace}
          onAnnotations={setAnnotations}
          onCommit={() => void commit()}
          onCancel={onClose}
          busy={busy}
        />
      )}
      {done && (
        <div className="stack">
          <div className="ok-box" data-testid="import-result">
            Imported {plural(done.count, 'box', 'boxes')} from {formats[done.format].label}.{done.added && ` ${done.added} to the label schema.`}
          </div>
          <ImportWarningsList warnings={done.warnings} />
          <div className="row">
            <button className="btn primary" data-testid="import-close-button" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
