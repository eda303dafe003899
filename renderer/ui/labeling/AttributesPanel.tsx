import { useState } from 'react';
import type { AttributeValue } from '../../../core/model/labelSchema';
import { textAttributeOf } from '../../../core/prelabel/classMapping';
import type { Editor } from '../../editor/createEditor';
import type { EditorSnapshot } from '../../editor/types';
import { AttributeInput } from './AttributeInput';

/**
 * Class and attribute values of the selected shape; each edit is one undo
 * step through the editor. A class's `text` attribute (an OCR box's
 * recognised text) comes first, in a wide box; fixing it on a pending
 * pre-label makes it 'corrected', like any attribute change.
 */
export function AttributesPanel({ editor, snapshot }: { editor: Editor; snapshot: EditorSnapshot }) {
  const [error, setError] = useState<string | null>(null);
  const selected = snapshot.selectedIds.length === 1 ? snapshot.shapeIndex.get(snapshot.selectedIds[0]!) : undefined;
  const cls = selected ? snapshot.labelSchema.classes.find((c) => c.id === selected.classId) : undefined;
  const textSpec = textAttributeOf(cls);
  const others = cls?.attributes.filter((spec) => spec !== textSpec) ?? [];
  const textLabel = selected?.source.kind === 'model' ? 'Recognised text' : 'Text';

  function set(attributeId: string, value: AttributeValue) {
    if (!selected) return;
    try {
      editor.setAttributes(selected.id, { [attributeId]: value });
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <div className="stack" data-testid="attributes-panel">
      {snapshot.selectedIds.length === 0 && <div className="hint">Select a box to see its attributes.</div>}
      {snapshot.selectedIds.length > 1 && <div className="hint">{snapshot.selectedIds.length} boxes selected. Ctrl+digit (or Shift+digit, or a class’s ⇢) sets the class of all of them.</div>}
      {selected && (
        <>
          <label className="field">
            <span>Class</span>
            <select className="select" value={selected.classId} onChange={(e) => editor.setClassOfSelected(e.target.value)}>
              {!cls && <option value={selected.classId}>(deleted class)</option>}
              {snapshot.labelSchema.classes.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          {textSpec && (
            <label className="field">
              <span>{textLabel}</span>
              <BoxTextInput key={`${selected.id}:${String(selected.attributes[textSpec.id] ?? '')}`} label={textLabel} value={selected.attributes[textSpec.id]} onChange={(v) => set(textSpec.id, v)} />
            </label>
          )}
          {others.map((spec) => (
            <label key={spec.id} className="field">
              <span>{spec.name}</span>
              <AttributeInput spec={spec} value={selected.attributes[spec.id]} onChange={(v) => set(spec.id, v)} />
            </label>
          ))}
          {cls && cls.attributes.length === 0 && <div className="hint">This class has no attributes.</div>}
          <div className="stat mono">
            x {Math.round(selected.box.x)} y {Math.round(selected.box.y)} · {Math.round(selected.box.w)}×{Math.round(selected.box.h)}
            {selected.source.kind === 'model' && ` · model ${selected.source.modelId} ${selected.source.score.toFixed(2)}`}
          </div>
          {error && <div className="field-error">{error}</div>}
        </>
      )}
    </div>
  );
}

/**
 * The recognised text in a wide, growing box: committed when it loses focus
 * or on Enter (Shift+Enter for a new line); Escape puts the stored text back.
 * Keyed by shape and value, so undo shows the restored text.
 */
function BoxTextInput({ label, value, onChange }: { label: string; value: AttributeValue | undefined; onChange: (value: string) => void }) {
  const stored = typeof value === 'string' ? value : '';
  return (
    <textarea
      className="input mono"
      data-testid="box-text-input"
      aria-label={label}
      rows={Math.min(6, Math.max(2, stored.split('\n').length))}
      defaultValue={stored}
      style={{ width: '100%', fontSize: 14 }}
      onBlur={(e) => e.target.value !== stored && onChange(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          e.currentTarget.blur();
        } else if (e.key === 'Escape') {
          e.currentTarget.value = stored;
          e.currentTarget.blur();
        }
      }}
    />
  );
}
