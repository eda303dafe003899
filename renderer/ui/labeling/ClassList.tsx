import type { LabelSchema } from '../../../core/model/labelSchema';

interface Props {
  schema: LabelSchema;
  activeClassId: string | null;
  onActivate: (classId: string) => void;
  /** How many boxes are selected: each class then offers to relabel them. */
  selectedCount?: number;
  onRelabel?: (classId: string) => void;
}

/**
 * Classes with their colour and keys. Clicking one makes it the class of the
 * next box (as its digit does); the ⇢ button gives it to the selected boxes
 * (as Ctrl+digit does, CVAT's "Switch label").
 */
export function ClassList({ schema, activeClassId, onActivate, selectedCount = 0, onRelabel }: Props) {
  if (schema.classes.length === 0) return <div className="hint">No classes yet: add some in the label schema.</div>;
  const boxes = selectedCount === 1 ? 'the selected box' : `the ${selectedCount} selected boxes`;
  return (
    <div className="stack" style={{ gap: 2 }}>
      {schema.classes.map((c, i) => (
        <div key={c.id} className="row" style={{ gap: 2 }}>
          <button
            className="class-row grow"
            data-testid="class-row"
            data-class-name={c.name}
            aria-pressed={c.id === activeClassId}
            title={`Class of the next box${i < 9 ? ` (${i + 1})` : ''}`}
            onClick={() => onActivate(c.id)}
          >
            <span className="swatch" style={{ background: c.color }} />
            <span className="grow">{c.name}</span>
            {c.hotkey && <span className="kbd">{c.hotkey.toUpperCase()}</span>}
            {i < 9 && <span className="kbd">{i + 1}</span>}
          </button>
          {onRelabel && selectedCount > 0 && (
            <button
              className="btn ghost icon"
              data-testid="relabel-selected"
              data-class-name={c.name}
              title={`Give ${c.name} to ${boxes}${i < 9 ? ` (Ctrl+${i + 1} or Shift+${i + 1})` : ''}`}
              aria-label={`Give ${c.name} to ${boxes}`}
              onClick={() => onRelabel(c.id)}
            >
              ⇢
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
