import { formats, type AnnotationChoice } from '../../../core/formats';
import { hasSchemaAdditions } from '../../labelImport/commitImport';
import type { ImportPreview } from '../../labelImport/runImport';
import { plural } from '../words/plural';
import { ImportAnnotationChoice } from './importAnnotationChoice';
import { ImportWarningsList } from './importWarningsList';
import { additionsText, classCounts, viewToImport } from './importPreviewFigures';

interface Props {
  preview: ImportPreview;
  addToSchema: boolean;
  onAddToSchema: (add: boolean) => void;
  replace: boolean;
  onReplace: (replace: boolean) => void;
  onAnnotations: (choice: AnnotationChoice) => void;
  onCommit: () => void;
  onCancel: () => void;
  busy: boolean;
}

/**
 * What Import would write, before anything is written: the format, how
 * many of the file's images match this project, the boxes, the classes
 * (new ones marked), attributes the schema lacks, and what was left out.
 */
export function ImportPreviewPanel({ preview, addToSchema, onAddToSchema, replace, onReplace, onAnnotations, onCommit, onCancel, busy }: Props) {
  const { mapped, dataset } = preview;
  const additions = hasSchemaAdditions(preview);
  const shown = viewToImport(preview, addToSchema);
  const boxes = shown.mapped.shapes.length;
  const newClasses = new Set(mapped.newClasses);
  const showChoice = preview.annotators !== undefined || preview.format === 'labelstudio';
  return (
    <div className="stack import-preview" data-testid="import-preview" data-format={preview.format}>
      <dl className="import-figures">
        <dt>Read as</dt>
        <dd data-testid="import-preview-format">{formats[preview.format].label}</dd>
        <dt>Images</dt>
        <dd data-testid="import-preview-images">
          {mapped.matchedImages} of {plural(dataset.images.length, 'image')} in the file {mapped.matchedImages === 1 ? 'is' : 'are'} in this project
        </dd>
        <dt>Boxes</dt>
        <dd data-testid="import-preview-boxes" data-count={boxes}>
          {plural(boxes, 'box', 'boxes')} to import
          {mapped.newClassBoxes > 0 && !addToSchema && <span className="hint"> ({mapped.newClassBoxes} more of new classes, if they are added)</span>}
        </dd>
        <dt>Classes</dt>
        <dd data-testid="import-preview-classes">
          {classCounts(dataset).map(([name, count]) => (
            <span key={name} className={`import-class${newClasses.has(name) ? ' new' : ''}`} data-class={name} data-new={newClasses.has(name)}>
              {name} ×{count}
              {newClasses.has(name) && <b> new</b>}
            </span>
          ))}
        </dd>
        {mapped.newAttributes.length > 0 && (
          <>
            <dt>Attributes</dt>
            <dd data-testid="import-preview-attributes">
              {mapped.newAttributes.map((a) => (
                <span key={`${a.className}/${a.name}`} className="import-class new" data-attribute={a.name}>
                  {a.className}: {a.name} <span className="hint">({a.type})</span>
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
      {showChoice && <ImportAnnotationChoice value={preview.annotations} annotators={preview.annotators ?? []} onChange={onAnnotations} disabled={busy} />}
      {additions && (
        <label className="row">
          <input type="checkbox" data-testid="import-add-to-schema" checked={addToSchema} disabled={busy} onChange={(e) => onAddToSchema(e.target.checked)} />
          Add {additionsText(mapped.newClasses.length, mapped.newAttributes.length)} to the label schema
        </label>
      )}
      <label className="row">
        <input type="checkbox" data-testid="import-replace" checked={replace} disabled={busy} onChange={(e) => onReplace(e.target.checked)} /> Replace existing boxes of those images
      </label>
      <ImportWarningsList warnings={shown.warnings} />
      <div className="row">
        <button className="btn primary" data-testid="import-commit-button" disabled={busy || (boxes === 0 && !(addToSchema && additions))} onClick={onCommit}>
          {boxes === 0 && addToSchema && additions ? 'Add to the schema' : `Import ${plural(boxes, 'box', 'boxes')}`}
        </button>
        <button className="btn" data-testid="import-cancel-button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
        {boxes === 0 && !(addToSchema && additions) && <span className="hint">Nothing in these files to import into this project.</span>}
      </div>
    </div>
  );
}
