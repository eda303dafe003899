import type { TaskDashboard } from '../../../../electron/common/services/requesterService';
import { percent, shortAddress, tokenAmount } from './dashboardFigures';
import { unitOf } from './DashboardFigures';

/** Each annotator's contribution: items taken, submitted, agreeing with the final labels or not, and what they earn. */
export function AnnotatorsTable({ dashboard }: { dashboard: TaskDashboard }) {
  const unit = unitOf(dashboard);
  const rows = dashboard.progress.annotators;
  return (
    <div className="stack">
      <h3>Annotators</h3>
      {rows.length === 0 ? (
        <p className="hint" data-testid="dashboard-annotators">
          No one has taken an item yet.
        </p>
      ) : (
        <table className="table" data-testid="dashboard-annotators">
          <thead>
            <tr>
              <th>annotator</th>
              <th>assigned</th>
              <th>submitted</th>
              <th>agreed</th>
              <th>rejected</th>
              <th>agreement</th>
              <th>earnings</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.annotator} data-testid="dashboard-annotator" data-address={a.annotator}>
                <td title={a.annotator}>
                  <code>{shortAddress(a.annotator)}</code>
                </td>
                <td>{a.assigned}</td>
                <td>{a.submitted}</td>
                <td>{a.agreed}</td>
                <td>{a.rejected}</td>
                <td>{percent(a.agreementRate)}</td>
                <td data-value={a.earnings.total} title={`${tokenAmount(a.earnings.allocated, unit)} allocated, ${tokenAmount(a.earnings.pending, unit)} pending`}>
                  {tokenAmount(a.earnings.total, unit)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Reviewers who resolved this task's disputes, and their fees. */
export function ReviewersTable({ dashboard }: { dashboard: TaskDashboard }) {
  const unit = unitOf(dashboard);
  const rows = dashboard.progress.reviewers;
  if (rows.length === 0) return null;
  return (
    <div className="stack">
      <h3>Reviewers</h3>
      <table className="table" data-testid="dashboard-reviewers">
        <thead>
          <tr>
            <th>reviewer</th>
            <th>verdicts</th>
            <th>fees</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.reviewer} data-testid="dashboard-reviewer" data-address={r.reviewer}>
              <td title={r.reviewer}>
                <code>{shortAddress(r.reviewer)}</code>
              </td>
              <td>{r.verdicts}</td>
              <td data-value={r.fees.total}>{tokenAmount(r.fees.total, unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
