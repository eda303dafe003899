import { useEffect, useState } from 'react';
import { errorText } from './errorText';

/**
 * The dialog side of two-step signing (batches and verdicts): the host
 * prepares what would be signed (shown to the user), and only `sign` — the
 * user's confirmation — makes the host sign. `prepare` must keep its identity
 * (useCallback), or it is prepared again on every render.
 */
export function useTwoStepSigning<R>(prepare: () => Promise<R>, confirm: (request: R) => Promise<unknown>, onSigned: () => void) {
  const [request, setRequest] = useState<R | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [signing, setSigning] = useState(false);

  useEffect(() => {
    let live = true;
    prepare().then(
      (prepared) => live && setRequest(prepared),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [prepare]);

  async function sign() {
    if (!request) return;
    setSigning(true);
    try {
      await confirm(request);
      onSigned();
    } catch (e) {
      setError(errorText(e));
      setSigning(false);
    }
  }

  return { request, error, signing, sign };
}
