import { useEffect, useState } from 'react';
import type { DirectoryListing } from '../../../electron/common/services';
import { useHost } from '../../platform/HostContext';

/** Folder browser for the browser host, which has no native dialog: lists folders via media.listDirectory. */
export function DirectoryBrowser({ start, onChoose }: { start: string; onChoose: (path: string) => void }) {
  const host = useHost();
  const [path, setPath] = useState<string | undefined>(start || undefined);
  const [listing, setListing] = useState<DirectoryListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    host.media.listDirectory(path === undefined ? {} : { path }).then(
      (l) => live && (setListing(l), setError(null)),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [host, path]);
  return (
    <div className="stack">
      {error && <div className="field-error">{error}</div>}
      {listing && (
        <>
          <div className="row">
            <code className="grow">{listing.path}</code>
            <button type="button" className="btn primary" onClick={() => onChoose(listing.path)}>
              Use this folder
            </button>
          </div>
          <div className="dir-browser" role="listbox" aria-label="Folders">
            {listing.parent !== null && (
              <button type="button" onClick={() => setPath(listing.parent!)}>
                ..
              </button>
            )}
            {listing.entries
              .filter((e) => e.isDirectory)
              .map((e) => (
                <button type="button" key={e.path} onClick={() => setPath(e.path)}>
                  📁 {e.name}
                </button>
              ))}
          </div>
        </>
      )}
    </div>
  );
}
