import { useState } from 'react';
import { useHost } from '../../platform/HostContext';
import { DirectoryBrowser } from './DirectoryBrowser';

/** A folder path: typed, picked with the native dialog (Electron), or browsed on the host (browser host). */
export function FolderField({ value, onChange }: { value: string; onChange: (path: string) => void }) {
  const host = useHost();
  const [browsing, setBrowsing] = useState(false);

  async function browse() {
    if (host.kind === 'electron') {
      const { path } = await host.app.pickFolder({ title: 'Folder of images' });
      if (path) onChange(path);
      return;
    }
    setBrowsing((b) => !b);
  }

  return (
    <div className="stack">
      <label className="field">
        <span>Folder of images (JPEG, PNG, WebP; subfolders included)</span>
        <div className="row">
          <input
            className="input grow mono"
            data-testid="folder-path-input"
            value={value}
            placeholder="/path/to/images"
            spellCheck={false}
            onChange={(e) => onChange(e.target.value)}
          />
          <button type="button" className="btn" onClick={() => void browse()}>
            Browse…
          </button>
        </div>
      </label>
      {browsing && (
        <DirectoryBrowser
          start={value}
          onChoose={(p) => {
            onChange(p);
            setBrowsing(false);
          }}
        />
      )}
    </div>
  );
}
