import { useState } from 'react';
import type { AttributeValue } from '../../../core/model/labelSchema';
import type { Editor } from '../../editor/createEditor';
import type { EditorSnapshot } from '../../editor/types';
import { AttributeInput } from './AttributeInput';

/** Class and attribute values of the selected shape; each edit is one undo step through the editor. */
export function AttributesPanel({ editor, snapshot }: { editor: Editor; snapshot: EditorSnapshot }) {
  const [error, setError] = useState<string | null>(null);
  const selected = snapshot.selectedIds.length === 1 ? snapshot.shapes.find((s) => s.id === snapshot.selectedIds[0]) : undefined;
  const cls = selected ? snapshot.labelSchema.classes.find((c) => c.id === selected.classId) : undefined;

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
      {snapshot.selectedIds.length > 1 && <div className="hint">{snapshot.selectedIds.length} boxes selected. Number keys set the class of all of them.</div>}
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
          {cls?.attributes.map((spec) => (
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
