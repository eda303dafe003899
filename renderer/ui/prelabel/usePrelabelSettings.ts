import { useCallback, useEffect, useState } from 'react';
import { useStore } from '../StoreContext';
import { readSettings, settingsKey, type PrelabelSettings } from './prelabelSettings';

/** The project's pre-label settings; `update` saves at once (durable like every edit). */
export function usePrelabelSettings(projectId: string): { settings: PrelabelSettings | null; update: (next: PrelabelSettings) => void } {
  const store = useStore();
  const [settings, setSettings] = useState<PrelabelSettings | null>(null);
  useEffect(() => {
    let live = true;
    void store.getSetting(settingsKey(projectId)).then((saved) => live && setSettings(readSettings(saved)));
    return () => {
      live = false;
    };
  }, [store, projectId]);
  const update = useCallback(
    (next: PrelabelSettings) => {
      setSettings(next);
      void store.setSetting(settingsKey(projectId), next);
    },
    [store, projectId],
  );
  return { settings, update };
}
