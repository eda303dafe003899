import type { HubTaskRecord } from '../../store/syncRecords';
import { downloadedTaskOf } from '../../sync/hubTasks';
import { plural } from '../words/plural';

/** The items of a downloaded task that cannot be submitted because the file is not what the hub says (a video's frame count), each with why. */
export function DownloadedItemProblems({ record }: { record: HubTaskRecord }) {
  let problems: string[];
  try {
    problems = Object.values(downloadedTaskOf(record).itemProblems ?? {});
  } catch {
    return null;
  }
  if (problems.length === 0) return null;
  return (
    <div className="error-box" data-testid="downloaded-item-problems" data-count={problems.length}>
      {plural(problems.length, 'item')} of this task cannot be submitted:
      <ul style={{ margin: '4px 0 0' }}>
        {problems.map((p) => (
          <li key={p} data-testid="downloaded-item-problem">
            {p}
          </li>
        ))}
      </ul>
    </div>
  );
}
