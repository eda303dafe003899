import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobInfo, JobParams } from '../../../electron/common/services';
import { useHost } from '../../platform/HostContext';
import { runJob } from '../../platform/runJob';

export interface HostJob {
  /** The job while it runs (progress bar), or its end state. */
  info: JobInfo | null;
  running: boolean;
  error: string | null;
  /** Resolves with the finished job's result, or null when it failed or was cancelled. */
  run(params: JobParams): Promise<unknown>;
  cancel(): void;
}

/** One host job at a time with progress, cancel and a readable error. */
export function useHostJob(): HostJob {
  const host = useHost();
  const [info, setInfo] = useState<JobInfo | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const jobId = useRef<string | null>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const run = useCallback(
    async (params: JobParams) => {
      setRunning(true);
      setError(null);
      try {
        const job = await runJob(host, params, (j) => live.current && setInfo(j), (id) => (jobId.current = id));
        if (job.state !== 'succeeded') {
          if (live.current && job.state !== 'cancelled') setError(job.error ?? `the job ${job.state}`);
          return null;
        }
        return job.result;
      } catch (e) {
        if (live.current) setError(e instanceof Error ? e.message : String(e));
        return null;
      } finally {
        jobId.current = null;
        if (live.current) setRunning(false);
      }
    },
    [host],
  );
  const cancel = useCallback(() => {
    if (jobId.current) void host.jobs.cancel({ jobId: jobId.current });
  }, [host]);
  return { info, running, error, run, cancel };
}

export function JobProgressBar({ job, testId }: { job: HostJob; testId: string }) {
  if (!job.running || !job.info) return null;
  const { done, total } = job.info;
  return (
    <div className="row" style={{ gap: 6 }}>
      <progress data-testid={testId} max={Math.max(1, total)} value={done} style={{ flex: 1 }} />
      <button className="btn" onClick={job.cancel}>Cancel</button>
    </div>
  );
}
