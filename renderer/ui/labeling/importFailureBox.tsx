import type { ImportFailure } from '../../labelImport/importFailure';

/** Why nothing was imported: every listed problem of a format error (up to 20) and how many more there are. */
export function ImportFailureBox({ failure, testId = 'import-error' }: { failure: ImportFailure; testId?: string }) {
  return (
    <div className="error-box" data-testid={testId} data-kind={failure.kind}>
      {failure.kind === 'format' && <FormatProblems failure={failure} />}
      {failure.kind === 'undetected' && <>Could not tell the format of {failure.files.join(', ')}. Choose it above.</>}
      {failure.kind === 'unreadable' && <>Could not read the files: {failure.message}</>}
      <div>Nothing was imported.</div>
    </div>
  );
}

function FormatProblems({ failure }: { failure: Extract<ImportFailure, { kind: 'format' }> }) {
  const [only] = failure.problems;
  if (failure.problems.length === 1 && failure.moreProblems === 0 && only) {
    return (
      <div>
        <b>{failure.file}</b>
        {only.location && <> ({only.location})</>}: {only.reason}
      </div>
    );
  }
  return (
    <>
      <div>
        <b>{failure.file}</b>: {failure.problems.length + failure.moreProblems} problems
      </div>
      <ul data-testid="import-error-problems">
        {failure.problems.map((p, i) => (
          <li key={i}>
            {p.location && <span className="mono">{p.location}: </span>}
            {p.reason}
          </li>
        ))}
        {failure.moreProblems > 0 && <li data-testid="import-error-more">and {failure.moreProblems} more</li>}
      </ul>
    </>
  );
}
