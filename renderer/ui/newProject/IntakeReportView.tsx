import type { IntakeReport } from '../../../electron/common/services';

interface Props {
  report: IntakeReport;
  skipDuplicates: boolean;
  onSkipDuplicatesChange: (skip: boolean) => void;
}

/** What the scan found: accepted count, rejected files with reasons, duplicates with a skip choice. */
export function IntakeReportView({ report, skipDuplicates, onSkipDuplicatesChange }: Props) {
  const kept = report.accepted.length - (skipDuplicates ? report.duplicates.length : 0);
  return (
    <div className="stack" data-testid="intake-report">
      <div className="ok-box">
        {report.accepted.length - videoCount(report)} images{videoCount(report) > 0 ? ` and ${videoCount(report)} videos` : ''} read · {report.rejected.length} rejected · {report.duplicates.length} duplicates · <b>{kept} will be added</b>
      </div>
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

function videoCount(report: IntakeReport): number {
  return report.accepted.filter((a) => a.kind === 'video').length;
}
