import { useCallback, useEffect, useState } from 'react';
import { errorText } from './errorText';

/**
 * A value read from the host for the connected hub and wallet (rewards,
 * reputation, stake): read on mount and whenever `refresh` is called, the
 * last error kept for the panel. Nothing is read without a hub or a wallet.
 */
export function useHubRead<T>(read: ((hubUrl: string) => Promise<T>) | null, hubUrl: string | null, hasWallet: boolean) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    if (!hubUrl || !hasWallet || !read) return;
    try {
      setValue(await read(hubUrl));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [read, hubUrl, hasWallet]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { value, error, setError, refresh };
}
