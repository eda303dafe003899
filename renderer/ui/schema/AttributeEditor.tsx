import type { AttributeSpec } from '../../../core/model/labelSchema';
import type { SchemaProblems } from './validateSchema';

interface Props {
  spec: AttributeSpec;
  path: string;
  problems: SchemaProblems;
  onChange: (spec: AttributeSpec) => void;
  onRemove: () => void;
}

/** One typed attribute: name, type and, for select, its options. Changing type resets the default. */
export function AttributeEditor({ spec, path, problems, onChange, onRemove }: Props) {
  const nameError = problems.get(`${path}.name`);
  const optionsError = problems.get(`${path}.options`) ?? problems.get(`${path}.options.0`);
  return (
    <div className="attr-row">
      <div className="field">
        <input className={`input${nameError ? ' invalid' : ''}`} value={spec.name} placeholder="attribute name" aria-label="Attribute name" onChange={(e) => onChange({ ...spec, name: e.target.value })} />
        {nameError && <span className="field-error">{nameError}</span>}
      </div>
      <select className="select" value={spec.type} aria-label="Attribute type" onChange={(e) => onChange(retype(spec, e.target.value as AttributeSpec['type']))}>
        <option value="text">text</option>
        <option value="number">number</option>
        <option value="select">select</option>
        <option value="checkbox">checkbox</option>
      </select>
      <div className="field">
        {spec.type === 'select' ? (
          <>
            <input
              className={`input${optionsError ? ' invalid' : ''}`}
              defaultValue={spec.options.join(', ')}
              placeholder="options, comma separated"
              aria-label="Options"
              onChange={(e) => onChange({ ...spec, options: splitOptions(e.target.value), default: undefined })}
            />
            {optionsError && <span className="field-error">{optionsError}</span>}
          </>
        ) : (
          <span className="hint" style={{ lineHeight: '28px' }}>
            {spec.type === 'checkbox' ? 'yes / no' : spec.type === 'number' ? 'a number' : 'free text'}
          </span>
        )}
      </div>
      <button className="btn ghost icon" aria-label={`Remove attribute ${spec.name}`} onClick={onRemove}>
        ✕
      </button>
    </div>
  );
}

function splitOptions(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function retype(spec: AttributeSpec, type: AttributeSpec['type']): AttributeSpec {
  const base = { id: spec.id, name: spec.name };
  switch (type) {
    case 'text':
      return { ...base, type, default: '' };
    case 'number':
      return { ...base, type, default: 0 };
    case 'checkbox':
      return { ...base, type, default: false };
    case 'select':
      return { ...base, type, options: spec.type === 'select' ? spec.options : [] };
  }
}
