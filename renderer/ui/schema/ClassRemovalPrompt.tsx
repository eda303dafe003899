import { useState } from 'react';
import type { LabelSchema } from '../../../core/model/labelSchema';
import type { ClassUsage } from '../../store/errors';
import type { RemovedClassAction } from '../../store/labelSchemaUpdate';

interface Props {
  usage: ClassUsage[];
  /** The schema being saved: remap targets are its classes. */
  schema: LabelSchema;
  onConfirm: (actions: Record<string, RemovedClassAction>) => void;
  onCancel: () => void;
}

/** Deleting a class that boxes still use: for each, delete those boxes or give them another class. */
export function ClassRemovalPrompt({ usage, schema, onConfirm, onCancel }: Props) {
  const [choice, setChoice] = useState<Record<string, string>>(() => Object.fromEntries(usage.map((u) => [u.classId, 'delete'])));
  return (
    <div className="error-box stack" data-testid="class-removal-prompt">
      <b>Some deleted classes are still in use.</b>
      {usage.map((u) => (
        <label key={u.classId} className="row">
          <span className="grow">
            “{u.name}” is used by {u.count} box{u.count === 1 ? '' : 'es'}:
          </span>
          <select className="select" value={choice[u.classId]} onChange={(e) => setChoice({ ...choice, [u.classId]: e.target.value })}>
            <option value="delete">delete those boxes</option>
            {schema.classes.map((c) => (
              <option key={c.id} value={c.id}>
                give them class “{c.name}”
              </option>
            ))}
          </select>
        </label>
      ))}
      <div className="row">
        <button
          className="btn danger"
          onClick={() => onConfirm(Object.fromEntries(Object.entries(choice).map(([id, v]) => [id, v === 'delete' ? 'delete' : { remapTo: v }])))}
        >
          Apply and save
        </button>
        <button className="btn" onClick={onCancel}>
          Keep editing
        </button>
      </div>
    </div>
  );
}
