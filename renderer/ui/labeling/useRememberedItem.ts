import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { readItem, writeItem, type RememberedItem } from '../../store/rememberedPlace';
import { useStore } from '../StoreContext';
import { throttledWriter } from '../place/throttledWriter';

/** Frame writes are throttled: playback moves 30 frames a second. */
const WRITE_INTERVAL_MS = 300;

export interface RememberedItemPlace {
  /** The item (and frame) the project was left at; undefined while it is read, null when there is none. */
  remembered: RememberedItem | null | undefined;
  /** The item now open; its frame is kept when it is the same item. Written at once. */
  rememberItem(itemId: string): void;
  /** The frame now shown on the open video item. */
  rememberFrame(itemId: string, frame: number): void;
  /** The frame to show when this item opens: the remembered one if it is the remembered item. */
  startFrameOf(itemId: string): number | undefined;
}

/** Per project, the last item and video frame, so a reload opens them again. */
export function useRememberedItem(projectId: string): RememberedItemPlace {
  const store = useStore();
  const [remembered, setRemembered] = useState<RememberedItem | null | undefined>(undefined);
  const latest = useRef<RememberedItem | null>(null);
  const writer = useMemo(
    () => throttledWriter<RememberedItem>(WRITE_INTERVAL_MS, (place) => {
      writeItem(store, projectId, place).catch((e: unknown) => console.warn('Could not remember the open item:', e));
    }),
    [store, projectId],
  );

  useEffect(() => {
    let live = true;
    readItem(store, projectId).then(
      (place) => {
        if (!live) return;
        latest.current = place;
        setRemembered(place);
      },
      () => live && setRemembered(null),
    );
    return () => {
      live = false;
      writer.flush();
    };
  }, [store, projectId, writer]);

  const rememberItem = useCallback(
    (itemId: string) => {
      if (latest.current?.itemId === itemId) return;
      latest.current = { itemId };
      writer.schedule(latest.current);
      writer.flush();
    },
    [writer],
  );
  const rememberFrame = useCallback(
    (itemId: string, frame: number) => {
      if (latest.current?.itemId === itemId && latest.current.frame === frame) return;
      latest.current = { itemId, frame };
      writer.schedule(latest.current);
    },
    [writer],
  );
  const startFrameOf = useCallback((itemId: string) => (latest.current?.itemId === itemId ? latest.current.frame : undefined), []);
  return { remembered, rememberItem, rememberFrame, startFrameOf };
}
