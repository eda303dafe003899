import type { AnnotationChoice } from '../../../core/formats';

const LATEST = 'latest';
const ALL = 'all';
const ANNOTATOR = 'annotator:';

function valueOf(choice: AnnotationChoice): string {
  return choice.kind === 'annotator' ? ANNOTATOR + choice.annotator : choice.kind;
}

function choiceOf(value: string): AnnotationChoice {
  if (value.startsWith(ANNOTATOR)) return { kind: 'annotator', annotator: value.slice(ANNOTATOR.length) };
  return value === ALL ? { kind: 'all' } : { kind: 'latest' };
}

/**
 * Which of a task's annotations to import when a file keeps several
 * (Label Studio: one per annotator and revision). Changing it parses the
 * file again, so the preview shows what this choice would import.
 */
export function ImportAnnotationChoice({ value, annotators, onChange, disabled }: { value: AnnotationChoice; annotators: readonly string[]; onChange: (choice: AnnotationChoice) => void; disabled?: boolean }) {
  return (
    <label className="field">
      <span>Annotations ({annotators.length === 1 ? '1 annotator' : `${annotators.length} annotators`} in the file)</span>
      <select className="select" data-testid="import-annotation-choice" value={valueOf(value)} disabled={disabled} onChange={(e) => onChange(choiceOf(e.target.value))}>
        <option value={LATEST}>Latest annotation of each task</option>
        <option value={ALL}>All annotations (every annotator’s boxes)</option>
        {annotators.map((a) => (
          <option key={a} value={ANNOTATOR + a}>
            Only {a}
          </option>
        ))}
      </select>
    </label>
  );
}
