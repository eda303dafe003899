import { useState } from 'react';
import { formats, type FormatId } from '../../../core/formats';
import type { Project } from '../../../core/model/project';
import { useHost } from '../../platform/HostContext';
import { useStore } from '../StoreContext';
import { exportFolderName } from './exportFolderName';
import { FormatSelect } from './FormatSelect';
import { Modal } from './Modal';

type ExportState = { phase: 'idle' } | { phase: 'working' } | { phase: 'done'; dir: string; count: number } | { phase: 'failed'; error: string };

/** Store → dataset → the chosen format's files → written at once by the host into a new folder. */
export function ExportDialog({ project, onClose }: { project: Project; onClose: () => void }) {
  const host = useHost();
  const store = useStore();
  const [format, setFormat] = useState<FormatId>('coco');
  const [state, setState] = useState<ExportState>({ phase: 'idle' });

  async function run() {
    setState({ phase: 'working' });
    try {
      const dataset = await store.exportDataset(project.id);
      const files = formats[format].exportDataset(dataset);
      const written = await host.media.writeExport({ name: exportFolderName(project.name, format, new Date()), files });
      setState({ phase: 'done', dir: written.dir, count: written.paths.length });
    } catch (e) {
      setState({ phase: 'failed', error: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <Modal title="Export labels" onClose={onClose} testId="export-dialog">
      <FormatSelect<never> value={format} onChange={setFormat} testId="export-format-select" />
      <div className="row">
        <button className="btn primary" data-testid="export-confirm-button" disabled={state.phase === 'working'} onClick={() => void run()}>
          {state.phase === 'working' ? 'Exporting…' : 'Export'}
        </button>
        <span className="hint">All items of “{project.name}”, written to a new folder in the host’s data folder.</span>
      </div>
      {state.phase === 'done' && (
        <div className="ok-box" data-testid="export-result">
          Wrote {state.count} file{state.count === 1 ? '' : 's'} to <code>{state.dir}</code>
        </div>
      )}
      {state.phase === 'failed' && <div className="error-box">Export failed: {state.error}</div>}
    </Modal>
  );
}
