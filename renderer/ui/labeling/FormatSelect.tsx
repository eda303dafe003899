import { formatIds, formats, type FormatId } from '../../../core/formats';

interface Props<T extends string> {
  value: FormatId | T;
  onChange: (value: FormatId | T) => void;
  /** Extra first choice, e.g. import's "detect from the files". */
  extra?: { value: T; label: string };
  testId?: string;
}

/** The annotation formats of core/formats, in menu order. */
export function FormatSelect<T extends string = never>({ value, onChange, extra, testId }: Props<T>) {
  return (
    <label className="field grow">
      <span>Format</span>
      <select className="select" data-testid={testId} value={value} onChange={(e) => onChange(e.target.value as FormatId | T)}>
        {extra && <option value={extra.value}>{extra.label}</option>}
        {formatIds.map((id) => (
          <option key={id} value={id}>
            {formats[id].label}
          </option>
        ))}
      </select>
    </label>
  );
}
