import { useCallback, useState } from 'react';
import type { IntakeReport, JobInfo, MediaRoot } from '../../../electron/common/services';
import { useHost } from '../../platform/HostContext';
import { runIntakeJob } from '../../platform/runIntakeJob';

export type ScanState =
  | { phase: 'idle' }
  | { phase: 'scanning'; job: JobInfo | null }
  | { phase: 'done'; root: MediaRoot; report: IntakeReport }
  | { phase: 'failed'; error: string };

/** Grants a folder to the host and runs the intake job over it, tracking progress. */
export function useFolderScan(): { state: ScanState; scan(path: string): Promise<{ root: MediaRoot; report: IntakeReport } | null> } {
  const host = useHost();
  const [state, setState] = useState<ScanState>({ phase: 'idle' });
  const scan = useCallback(
    async (path: string) => {
      setState({ phase: 'scanning', job: null });
      try {
        const root = await host.media.openFolder({ path });
        const report = await runIntakeJob(host, root.rootId, (job) => setState({ phase: 'scanning', job }));
        setState({ phase: 'done', root, report });
        return { root, report };
      } catch (error) {
        setState({ phase: 'failed', error: error instanceof Error ? error.message : String(error) });
        return null;
      }
    },
    [host],
  );
  return { state, scan };
}
