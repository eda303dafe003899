import { useState } from 'react';
import { useHost } from '../../platform/HostContext';
import { DirectoryBrowser } from './DirectoryBrowser';

/** What a use of the field changes: its label, the dialog's title, the input's test id and placeholder (default: a project's images). */
export interface FolderFieldText {
  label: string;
  title: string;
  testId: string;
  placeholder: string;
}

const IMAGES_FOLDER: FolderFieldText = { label: 'Folder of images or videos (JPEG, PNG, WebP; MP4, MOV, MKV, WebM, AVI; subfolders included)', title: 'Folder of images or videos', testId: 'folder-path-input', placeholder: '/path/to/images' };

/** A folder path: typed, picked with the native dialog (Electron), or browsed on the host (browser host). */
export function FolderField({ value, onChange, text = IMAGES_FOLDER }: { value: string; onChange: (path: string) => void; text?: FolderFieldText }) {
  const host = useHost();
  const [browsing, setBrowsing] = useState(false);

  async function browse() {
    if (host.kind === 'electron') {
      const { path } = await host.app.pickFolder({ title: text.title });
      if (path) onChange(path);
      return;
    }
    setBrowsing((b) => !b);
  }

  return (
    <div className="stack">
      <label className="field">
        <span>{text.label}</span>
        <div className="row">
          <input
            className="input grow mono"
            data-testid={text.testId}
            value={value}
            placeholder={text.placeholder}
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
