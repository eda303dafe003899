import { warningKindLabels, type ImportWarningKind, type ImportWarnings } from '../../../core/formats';

/**
 * What an import left out or changed, one line per kind with its count;
 * each line opens to the first few examples (file, where, why), so a file
 * with thousands of skipped polygons reads as one line, not thousands.
 */
export function ImportWarningsList({ warnings, testId = 'import-warnings' }: { warnings: ImportWarnings; testId?: string }) {
  const kinds = Object.entries(warnings.counts).filter(([, n]) => (n ?? 0) > 0) as [ImportWarningKind, number][];
  if (kinds.length === 0) return null;
  return (
    <div className="warn-box import-warnings" data-testid={testId}>
      {kinds.map(([kind, count]) => {
        const examples = warnings.examples.filter((e) => e.kind === kind);
        return (
          <details key={kind} data-testid="import-warning-kind" data-kind={kind} data-count={count}>
            <summary>
              {/* "Label: count" reads right for 1 and for 1,000 ("1 annotations…" would not). */}
              {capitalised(warningKindLabels[kind])}: <b>{count}</b>
            </summary>
            <ul>
              {examples.map((e, i) => (
                <li key={i} className="mono">
                  {e.file}
                  {e.location && ` (${e.location})`}: {e.message}
                </li>
              ))}
              {count > examples.length && <li className="hint">and {count - examples.length} more like these</li>}
            </ul>
          </details>
        );
      })}
    </div>
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
