import type { AttributeSpec, AttributeValue } from '../../../core/model/labelSchema';

interface Props {
  spec: AttributeSpec;
  value: AttributeValue | undefined;
  onChange: (value: AttributeValue) => void;
}

/** One attribute value, edited with the control its type calls for. */
export function AttributeInput({ spec, value, onChange }: Props) {
  switch (spec.type) {
    case 'checkbox':
      return <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} aria-label={spec.name} />;
    case 'select':
      return (
        <select className="select" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} aria-label={spec.name}>
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'number':
      return (
        <input
          className="input"
          type="number"
          min={spec.min}
          max={spec.max}
          // Keyed by value so an undo shows the restored number instead of the stale typed text.
          key={String(value)}
          defaultValue={typeof value === 'number' ? value : ''}
          onBlur={(e) => e.target.value !== '' && Number(e.target.value) !== value && onChange(Number(e.target.value))}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
          aria-label={spec.name}
        />
      );
    case 'text':
      return (
        <input
          className="input"
          key={String(value)}
          defaultValue={typeof value === 'string' ? value : ''}
          onBlur={(e) => e.target.value !== value && onChange(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
          aria-label={spec.name}
        />
      );
  }
}
