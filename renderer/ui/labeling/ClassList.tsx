import type { LabelSchema } from '../../../core/model/labelSchema';

interface Props {
  schema: LabelSchema;
  activeClassId: string | null;
  onActivate: (classId: string) => void;
}

/** Classes with their colour and keys; clicking one makes it the class new boxes get. */
export function ClassList({ schema, activeClassId, onActivate }: Props) {
  if (schema.classes.length === 0) return <div className="hint">No classes yet: add some in the label schema.</div>;
  return (
    <div className="stack" style={{ gap: 2 }}>
      {schema.classes.map((c, i) => (
        <button
          key={c.id}
          className="class-row"
          data-testid="class-row"
          data-class-name={c.name}
          aria-pressed={c.id === activeClassId}
          onClick={() => onActivate(c.id)}
        >
          <span className="swatch" style={{ background: c.color }} />
          <span className="grow">{c.name}</span>
          {c.hotkey && <span className="kbd">{c.hotkey.toUpperCase()}</span>}
          {i < 9 && <span className="kbd">{i + 1}</span>}
        </button>
      ))}
    </div>
  );
}
