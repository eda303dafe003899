import { useState } from 'react';
import { ExportFormatSchema, type ExportedDataset, type ExportFormat } from '../../../../electron/common/services/requesterService';
import { useHost } from '../../../platform/HostContext';
import { useBusyAction } from '../../network/useBusyAction';
import { FolderField, type FolderFieldText } from '../../newProject/FolderField';
import { plural } from '../../words/plural';

const FORMAT_NAMES: Record<ExportFormat, string> = { coco: 'COCO', yolo: 'YOLO', voc: 'Pascal VOC', cvat: 'CVAT 1.1', labelstudio: 'Label Studio' };

/** The folder chooser of the New project view, worded for a download (typed, native dialog, or the host's folders). */
const DATASET_FOLDER: FolderFieldText = { label: 'Save to folder (on the computer running Groundwork)', title: 'Folder to save the dataset in', testId: 'export-folder', placeholder: '/home/you/datasets' };

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`);

/**
 * The dataset with its lineage: the consensus labels in a chosen format
 * (final items; disputed items with their proposals on request), saved as
 * `<taskId>-<format>.zip` in a folder the user chose. The host streams it
 * there and renames it only once it is whole; check it offline with
 * `npm run verify-dataset -- <zip>`.
 */
export function ExportPanel({ hubUrl, taskId }: { hubUrl: string; taskId: string }) {
  const host = useHost();
  const [format, setFormat] = useState<ExportFormat>('coco');
  const [includeDisputed, setIncludeDisputed] = useState(false);
  const [folder, setFolder] = useState('');
  const [saved, setSaved] = useState<ExportedDataset | null>(null);
  const { busy, error, run } = useBusyAction();

  const download = () =>
    run(async () => {
      setSaved(null);
      setSaved(await host.requester.exportDataset({ hubUrl, taskId, format, includeDisputed, folder: folder.trim() }));
    });

  return (
    <section className="stack" data-testid="export-panel">
      <h3>Download the dataset</h3>
      <div className="row">
        <label className="field">
          <span>Format</span>
          <select className="input" data-testid="export-format" value={format} onChange={(e) => setFormat(ExportFormatSchema.parse(e.target.value))}>
            {ExportFormatSchema.options.map((f) => (
              <option key={f} value={f}>
                {FORMAT_NAMES[f]}
              </option>
            ))}
          </select>
        </label>
        <label className="row">
          <input type="checkbox" data-testid="export-include-disputed" checked={includeDisputed} onChange={(e) => setIncludeDisputed(e.target.checked)} />
          include disputed items (their consensus proposals, apart)
        </label>
      </div>
      <FolderField value={folder} onChange={setFolder} text={DATASET_FOLDER} />
      <div className="row">
        <button className="btn primary" data-testid="export-download" disabled={busy || !folder.trim()} onClick={() => void download()}>
          {busy ? 'Downloading…' : 'Download'}
        </button>
        <span className="hint">a zip with the labels, lineage.jsonl and manifest.json — check it offline with npm run verify-dataset</span>
      </div>
      {saved && (
        <span className="stat" data-testid="export-done" data-path={saved.path} data-bytes={saved.bytes} data-sha256={saved.sha256}>
          Saved <code>{saved.path}</code> · {size(saved.bytes)} ({saved.bytes} bytes, {plural(saved.entries, 'file')}) · sha256 <code>{saved.sha256}</code>
        </span>
      )}
      {error && (
        <div className="error-box" data-testid="export-error">
          {error}
        </div>
      )}
    </section>
  );
}
