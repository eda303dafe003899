import { useEffect, useRef, useState } from 'react';
import type { Editor } from '../../editor/createEditor';
import { VideoController } from '../../editor/video/videoController';
import type { ItemDocument } from '../../store/itemDocument';
import { useStore } from '../StoreContext';
import { LOCAL_AUTHOR } from '../labeling/useEditorSession';

export const VIDEO_SETTING = 'video';
export interface VideoSettings {
  jumpStep: number;
  propagateCount: number;
}

/**
 * The frame-labeling controller for the open video document; the editor is
 * switched to its frame view, at `startFrame` when given (read once, when the
 * controller is made).
 */
export function useVideoController(editor: Editor, document: ItemDocument | null, startFrame?: number): VideoController | null {
  const store = useStore();
  const [controller, setController] = useState<VideoController | null>(null);
  const start = useRef(startFrame);
  useEffect(() => {
    if (!document || document.item.kind !== 'video') return;
    const c = new VideoController(editor, document.item, document, { author: LOCAL_AUTHOR });
    if (start.current) c.setFrame(start.current);
    setController(c);
    let live = true;
    void store.getSetting<Partial<VideoSettings>>(VIDEO_SETTING).then((s) => {
      if (!live) return;
      if (s?.jumpStep) c.setJumpStep(s.jumpStep);
      if (s?.propagateCount) c.setPropagateCount(s.propagateCount);
    });
    return () => {
      live = false;
      c.dispose();
      setController(null);
    };
  }, [editor, document, store]);
  return controller;
}
