import type { PrelabelFailure } from '../../../electron/common/services';

interface Props {
  failures: readonly PrelabelFailure[];
  /** Disabled while a job runs: the retry is a job of its own. */
  canRetry: boolean;
  onRetry: () => void;
}

/** The images a finished run could not label: file name and the host's reason, and one click to run only those again. */
export function FailedItems({ failures, canRetry, onRetry }: Props) {
  if (failures.length === 0) return null;
  return (
    <div className="stack" style={{ gap: 4 }} data-testid="prelabel-failures" data-count={failures.length}>
      <div className="row" style={{ gap: 6 }}>
        <span className="grow hint">
          {failures.length} image{failures.length === 1 ? '' : 's'} could not be pre-labeled:
        </span>
        <button className="btn" data-testid="prelabel-retry-failed" disabled={!canRetry} title="Run the model again on only these images (fix or replace the files first)" onClick={onRetry}>
          Retry failed
        </button>
      </div>
      <ul style={{ margin: 0, paddingLeft: 16, maxHeight: 160, overflowY: 'auto' }}>
        {failures.map((f) => (
          <li key={f.itemId} data-testid="prelabel-failure" data-rel-path={f.relPath}>
            <strong title={f.relPath}>{fileName(f.relPath)}</strong> <span className="hint">{reasonWithoutPath(f)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

const fileName = (relPath: string) => relPath.slice(relPath.lastIndexOf('/') + 1);

/** The host puts the file first when the reason did not name it ("a/b.jpg: …"); it is in bold already, so say it once. */
function reasonWithoutPath(f: PrelabelFailure): string {
  const prefix = `${f.relPath}: `;
  return f.error.startsWith(prefix) ? f.error.slice(prefix.length) : f.error;
}
