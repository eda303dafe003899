import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from './errorText';
import { useNetworkChanges } from './useNetworkChanges';

/**
 * A value read from the host for the connected hub and wallet (rewards,
 * reputation, stake): read on mount, after every event that can change it
 * (useNetworkChanges) and whenever `refresh` is called, the last error kept
 * for the panel. Only the newest read is shown, so a slow answer never
 * overwrites a fresher one. Nothing is read without a hub or a wallet.
 */
export function useHubRead<T>(read: ((hubUrl: string) => Promise<T>) | null, hubUrl: string | null, hasWallet: boolean) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reads = useRef(0);
  const refresh = useCallback(async () => {
    if (!hubUrl || !hasWallet || !read) return;
    const mine = ++reads.current;
    try {
      const next = await read(hubUrl);
      if (mine !== reads.current) return;
      setValue(next);
      setError(null);
    } catch (e) {
      if (mine === reads.current) setError(errorText(e));
    }
  }, [read, hubUrl, hasWallet]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useNetworkChanges(() => void refresh());
  return { value, error, setError, refresh };
}
