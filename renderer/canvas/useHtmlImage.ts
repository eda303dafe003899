import { useEffect, useState } from 'react';

/** Loads an image element for the image layer; null while loading or after an error. */
export function useHtmlImage(url: string | null): { image: HTMLImageElement | null; error: string | null } {
  const [state, setState] = useState<{ url: string | null; image: HTMLImageElement | null; error: string | null }>({ url: null, image: null, error: null });
  useEffect(() => {
    if (!url) return;
    let live = true;
    const img = new Image();
    img.decoding = 'async';
    img.onload = () => live && setState({ url, image: img, error: null });
    img.onerror = () => live && setState({ url, image: null, error: `could not load ${url}` });
    img.src = url;
    return () => {
      live = false;
      img.onload = null;
      img.onerror = null;
    };
  }, [url]);
  // A stale image from the previous item is never shown under the new item's shapes.
  if (state.url !== url) return { image: null, error: null };
  return { image: state.image, error: state.error };
}
