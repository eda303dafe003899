import type { LabelClass } from '../../../core/model/labelSchema';
import { newId } from '../../../core/util/ids';
import { AttributeEditor } from './AttributeEditor';
import type { SchemaProblems } from './validateSchema';

interface Props {
  cls: LabelClass;
  index: number;
  problems: SchemaProblems;
  onChange: (cls: LabelClass) => void;
  onRemove: () => void;
}

export function ClassEditor({ cls, index, problems, onChange, onRemove }: Props) {
  const path = `classes.${index}`;
  const nameError = problems.get(`${path}.name`);
  const hotkeyError = problems.get(`${path}.hotkey`);
  return (
    <div className="schema-class" data-testid="schema-class" data-class-name={cls.name}>
      <div className="row" style={{ alignItems: 'start' }}>
        <span className="kbd" style={{ marginTop: 6 }} title="Number key">
          {index < 9 ? index + 1 : '–'}
        </span>
        <input type="color" value={cls.color} aria-label="Colour" onChange={(e) => onChange({ ...cls, color: e.target.value })} style={{ width: 36, height: 28, padding: 0, border: 0, background: 'none' }} />
        <div className="field grow">
          <input className={`input${nameError ? ' invalid' : ''}`} value={cls.name} placeholder="class name" aria-label="Class name" onChange={(e) => onChange({ ...cls, name: e.target.value })} />
          {nameError && <span className="field-error">{nameError}</span>}
        </div>
        <div className="field" style={{ width: 90 }}>
          <input
            className={`input${hotkeyError ? ' invalid' : ''}`}
            value={cls.hotkey ?? ''}
            maxLength={1}
            placeholder="hotkey"
            aria-label="Hotkey"
            onChange={(e) => onChange({ ...cls, hotkey: e.target.value === '' ? undefined : e.target.value.toLowerCase() })}
          />
          {hotkeyError && <span className="field-error">{hotkeyError}</span>}
        </div>
        <button className="btn danger" onClick={onRemove}>
          Delete class
        </button>
      </div>
      {cls.attributes.map((a, j) => (
        <AttributeEditor
          key={a.id}
          spec={a}
          path={`${path}.attributes.${j}`}
          problems={problems}
          onChange={(spec) => onChange({ ...cls, attributes: cls.attributes.map((x, k) => (k === j ? spec : x)) })}
          onRemove={() => onChange({ ...cls, attributes: cls.attributes.filter((_, k) => k !== j) })}
        />
      ))}
      <div>
        <button className="btn ghost" onClick={() => onChange({ ...cls, attributes: [...cls.attributes, { id: newId('att_'), name: '', type: 'text', default: '' }] })}>
          + Attribute
        </button>
      </div>
    </div>
  );
}
