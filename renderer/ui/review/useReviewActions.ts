import { useCallback, useEffect, useState } from 'react';
import type { Editor } from '../../editor/createEditor';
import type { DisputeStore, StoredDispute } from '../../review/disputeStore';
import { queueVerdict, type VerdictSource } from '../../review/queueVerdict';
import { ReviewError } from '../../review/reviewTypes';
import { errorText } from '../network/errorText';
import { useSync } from '../network/SyncContext';

export interface ReviewActionTargets {
  stored: StoredDispute;
  session: VerdictSource & { select(index: number): void };
  committer: { beginRedraw(index: number | null): void };
  editor: Editor;
}

/**
 * What an image and a video review do alike: `act` runs a decision and shows
 * its ReviewError in words, R starts a redraw (the editor's box tool; leaving
 * the tool abandons it), `submit` queues the verdict and opens the sign
 * dialog (`signing` = its outbox record).
 */
export function useReviewActions({ stored, session, committer, editor }: ReviewActionTargets, disputes: DisputeStore, tool: string) {
  const { outbox } = useSync();
  const { hubUrl } = stored.record;
  const [problem, setProblem] = useState<string | null>(null);
  const [signing, setSigning] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(stored.record.state === 'submitted');

  const act = useCallback((run: () => void) => {
    try {
      run();
      setProblem(null);
    } catch (e) {
      if (!(e instanceof ReviewError)) throw e;
      setProblem(e.message);
    }
  }, []);

  const startRedraw = useCallback(
    (index: number) => {
      committer.beginRedraw(index);
      session.select(index);
      editor.setTool('box');
    },
    [committer, session, editor],
  );

  // Leaving the box tool (Esc, V, the toolbar) abandons a pending redraw.
  useEffect(() => {
    if (tool === 'select') committer.beginRedraw(null);
  }, [tool, committer]);

  const submit = useCallback(async () => {
    if (submitted) return;
    try {
      const record = await queueVerdict(outbox, disputes, hubUrl, session);
      setSubmitted(true);
      setSigning(record.id);
    } catch (e) {
      setProblem(errorText(e));
    }
  }, [submitted, outbox, disputes, hubUrl, session]);

  return { problem, act, startRedraw, submit, submitted, signing, setSigning };
}
