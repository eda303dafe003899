import { useEffect, useMemo, useState } from 'react';
import type { Item } from '../../../core/model/item';
import { useHost } from '../../platform/HostContext';
import { FrameLoader, type Direction, type LoadedFrame } from './frameLoader';

export interface VideoFrameView {
  /** The image on screen: the last frame loaded, kept while the next one loads (no flicker during playback). */
  image: HTMLImageElement | null;
  /** Which frame that image is. */
  shownFrame: number | null;
  /** Set when the requested frame is unreadable (shown on the canvas instead of a picture). */
  error: string | null;
}

/** The exact frame `frame` of a video item, fetched from the host with prefetch in `direction`. */
export function useVideoFrame(rootId: string, item: Item, frame: number, direction: Direction): VideoFrameView {
  const host = useHost();
  const frameCount = item.video?.frameCount ?? 1;
  const loader = useMemo(() => new FrameLoader(host, rootId, item.relPath, frameCount), [host, rootId, item.relPath, frameCount]);
  useEffect(() => () => loader.dispose(), [loader]);
  const [shown, setShown] = useState<LoadedFrame | null>(null);

  useEffect(() => {
    let live = true;
    const hit = loader.cached(frame);
    if (hit) setShown(hit);
    void loader.load(frame, direction).then((loaded) => live && setShown(loaded));
    return () => {
      live = false;
    };
  }, [loader, frame, direction]);

  const [lastImage, setLastImage] = useState<{ image: HTMLImageElement; frame: number } | null>(null);
  useEffect(() => {
    if (shown && 'image' in shown) setLastImage({ image: shown.image, frame: shown.frame });
  }, [shown]);

  if (shown && shown.frame === frame && 'error' in shown) return { image: null, shownFrame: frame, error: `Frame ${frame} is unreadable: ${shown.error}` };
  const current = shown && 'image' in shown ? shown : lastImage;
  return { image: current?.image ?? null, shownFrame: current?.frame ?? null, error: null };
}
