import type { IntakeReport } from '../../../electron/common/services';
import type { MediaKind } from '../../store/projectMedia';
import { plural } from '../words/plural';
import { filesToAdd, kindCounts } from '../../intake/mediaSelection';

interface Props {
  report: IntakeReport;
  skipDuplicates: boolean;
  onSkipDuplicatesChange: (skip: boolean) => void;
  /** The one kind of media the project will hold; a folder with both asks, and says what is left out. */
  kind: MediaKind;
  onKindChange: (kind: MediaKind) => void;
}

const nouns: Record<MediaKind, [string, string]> = { image: ['image', 'images'], video: ['video', 'videos'] };

/** What the scan found: counts in words, the kind of project, rejected files with reasons, duplicates with a skip choice. */
export function IntakeReportView({ report, skipDuplicates, onSkipDuplicatesChange, kind, onKindChange }: Props) {
  const counts = kindCounts(report);
  const kept = filesToAdd(report, kind, skipDuplicates).length;
  const other: MediaKind = kind === 'image' ? 'video' : 'image';
  const found = counts.video === 0 ? plural(counts.image, ...nouns.image) : counts.image === 0 ? plural(counts.video, ...nouns.video) : `${plural(counts.image, ...nouns.image)} and ${plural(counts.video, ...nouns.video)}`;
  return (
    <div className="stack" data-testid="intake-report">
      <div className={kept > 0 ? 'ok-box' : 'warn-box'} data-testid="intake-summary">
        {found} read · {report.rejected.length} rejected · {plural(report.duplicates.length, 'duplicate')} · <b>{kept} will be added</b>
      </div>
      {counts.image > 0 && counts.video > 0 && (
        <div className="warn-box stack" data-testid="intake-kind-choice">
          <span>A project holds images or videos, not both. This one will hold:</span>
          <div className="row">
            {(['image', 'video'] as const).map((k) => (
              <label key={k} className="row">
                <input type="radio" name="project-kind" data-testid={`project-kind-${k}`} checked={kind === k} onChange={() => onKindChange(k)} />
                {k === 'image' ? 'Images' : 'Videos'} ({counts[k]})
              </label>
            ))}
          </div>
          <span data-testid="intake-other-kind">
            {plural(counts[other], ...nouns[other])} left out; make a separate {other} project for {counts[other] === 1 ? 'it' : 'them'}.
          </span>
        </div>
      )}
      {report.rejected.length > 0 && (
        <div className="stack">
          <h3>Left out</h3>
          <table className="table">
            <thead>
              <tr>
                <th>File</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {report.rejected.map((r) => (
                <tr key={r.relPath} data-testid="intake-rejected-row">
                  <td className="mono">{r.relPath}</td>
                  <td>
                    <span className="badge danger">{r.reason}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.duplicates.length > 0 && (
        <div className="stack">
          <h3>Duplicates</h3>
          <table className="table">
            <thead>
              <tr>
                <th>File</th>
                <th>Same as</th>
                <th>Kind</th>
              </tr>
            </thead>
            <tbody>
              {report.duplicates.map((d) => (
                <tr key={d.relPath} data-testid="intake-duplicate-row">
                  <td className="mono">{d.relPath}</td>
                  <td className="mono">{d.duplicateOf}</td>
                  <td>
                    <span className="badge warn">{d.kind === 'exact' ? 'exact copy' : `looks alike (distance ${d.distance})`}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <label className="row">
            <input type="checkbox" data-testid="skip-duplicates-checkbox" checked={skipDuplicates} onChange={(e) => onSkipDuplicatesChange(e.target.checked)} />
            Skip duplicates (keep the first of each group)
          </label>
        </div>
      )}
    </div>
  );
}
