import { useCallback, useRef, useState } from 'react';
import { PublishJobResultSchema, type JobInfo, type PublishJobParams, type PublishJobResult } from '../../../../electron/common/services/jobsService';
import { useHost } from '../../../platform/HostContext';
import { followJob } from '../../../requester/publishJobs';
import { remainingMs, type ProgressSample } from '../../../prelabel/eta';
import { errorText } from '../../network/errorText';

export interface PublishRun {
  job: JobInfo | null;
  /** Time left of the upload, from the bytes sent in this session (null until there is a rate). */
  etaMs: number | null;
  result: PublishJobResult | null;
  error: string | null;
  running: boolean;
  start(params: PublishJobParams): Promise<void>;
  /** Continues a publish a host restart interrupted, or follows one still running after a reload. */
  follow(job: JobInfo): Promise<void>;
  cancel(): void;
  setError(message: string | null): void;
}

/** One publish job at a time: its progress (bytes, ETA), its result or why it failed. */
export function usePublishRun(onEnded: () => void): PublishRun {
  const host = useHost();
  const [job, setJob] = useState<JobInfo | null>(null);
  const [etaMs, setEtaMs] = useState<number | null>(null);
  const [result, setResult] = useState<PublishJobResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const first = useRef<ProgressSample | null>(null);

  const run = useCallback(
    async (begin: () => Promise<string>) => {
      setError(null);
      setResult(null);
      setEtaMs(null);
      setRunning(true);
      first.current = null;
      try {
        const final = await followJob(host, begin, (info) => {
          setJob(info);
          // The ETA counts only bytes sent while watching: a resumed job starts with files already on the hub.
          if (info.total > 0) {
            const sample = { at: Date.now(), done: info.done };
            first.current ??= sample;
            setEtaMs(remainingMs(first.current, sample, info.total));
          }
        });
        if (final.state === 'succeeded') setResult(PublishJobResultSchema.parse(final.result));
        else if (final.state === 'failed') setError(final.error ?? 'the publish stopped without a reason');
        else if (final.state === 'cancelled') setError('the publish was cancelled; files already sent stay on the hub and are skipped next time');
        else if (final.state === 'interrupted') setError('the host stopped during the publish: resume it to continue where it was');
      } catch (e) {
        setError(errorText(e));
      } finally {
        setRunning(false);
        onEnded();
      }
    },
    [host, onEnded],
  );

  return {
    job,
    etaMs,
    result,
    error,
    running,
    setError,
    start: (params) => run(async () => (await host.jobs.start({ params })).jobId),
    follow: (existing) => run(async () => (existing.state === 'interrupted' ? (await host.jobs.resume({ jobId: existing.id })).jobId : existing.id)),
    cancel: () => {
      if (job) void host.jobs.cancel({ jobId: job.id });
    },
  };
}
