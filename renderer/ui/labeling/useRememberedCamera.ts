import { useEffect } from 'react';
import type { Editor } from '../../editor/createEditor';
import type { Camera } from '../../editor/types';
import { readCamera, writeCamera } from '../../store/rememberedPlace';
import { useStore } from '../StoreContext';
import { throttledWriter } from '../place/throttledWriter';

/** Camera writes are throttled: a wheel zoom fires dozens of changes a second. */
const WRITE_INTERVAL_MS = 400;

/**
 * Gives an item back the zoom and pan it was left at, and remembers them as
 * they change. Mount it where the item is already loaded into the editor
 * (the editor fits the camera on load and again when the canvas first
 * measures itself, so the remembered camera is applied only once the
 * viewport is known). Only the editor's public snapshot, subscribe and
 * setCamera are used.
 */
export function useRememberedCamera(editor: Editor, itemId: string | null): void {
  const store = useStore();
  useEffect(() => {
    if (!itemId) return;
    let live = true;
    /** undefined while the saved camera is being read. */
    let saved: Camera | null | undefined;
    let restored = false;
    let last = editor.getSnapshot().camera;
    const writer = throttledWriter<Camera>(WRITE_INTERVAL_MS, (camera) => {
      writeCamera(store, itemId, camera).catch((e: unknown) => console.warn(`Could not remember the zoom of item ${itemId}:`, e));
    });
    const onChange = () => {
      const s = editor.getSnapshot();
      // Another item is loading (or the canvas is not measured yet): its camera is not ours.
      if (!live || s.item?.id !== itemId || s.viewport.width <= 0 || s.viewport.height <= 0) return;
      if (!restored) {
        if (saved === undefined) return;
        restored = true;
        if (saved) editor.setCamera(saved);
        last = editor.getSnapshot().camera;
        return;
      }
      if (s.camera === last) return;
      last = s.camera;
      writer.schedule(s.camera);
    };
    const unsubscribe = editor.subscribe(onChange);
    readCamera(store, itemId).then(
      (camera) => {
        saved = camera;
        onChange();
      },
      () => {
        saved = null;
        onChange();
      },
    );
    return () => {
      live = false;
      unsubscribe();
      writer.flush();
    };
  }, [editor, itemId, store]);
}
