import { useState } from 'react';
import { formats, type FormatId, type LabelDataset } from '../../../core/formats';
import type { SplitOptions } from '../../../core/formats/shared/seededSplit';
import { exportYoloDataset } from '../../../core/formats/yolo';
import type { Project } from '../../../core/model/project';
import type { ExportDeliveryResult } from '../../../electron/common/services/mediaService';
import { useHost } from '../../platform/HostContext';
import { useStore } from '../StoreContext';
import { deliverExport, deliveryText } from './deliverExport';
import { exportFolderName } from './exportFolderName';
import { FormatSelect } from './FormatSelect';
import { Modal } from './Modal';
import { YoloSplitFields } from './YoloSplitFields';

interface Done {
  phase: 'done';
  dir: string;
  name: string;
  count: number;
  split: { train: number; val: number } | null;
  delivery: ExportDeliveryResult | { kind: 'failed'; error: string };
}
type ExportState = { phase: 'idle' } | { phase: 'working' } | Done | { phase: 'failed'; error: string };

/**
 * Store → dataset → the chosen format's files → written at once by the host
 * into a new folder → handed to the user as a zip (browser download, or
 * Electron's save dialog). YOLO also gets the images, so Ultralytics trains
 * from the folder as it is, and an optional seeded train/val split.
 */
export function ExportDialog({ project, onClose }: { project: Project; onClose: () => void }) {
  const host = useHost();
  const store = useStore();
  const [format, setFormat] = useState<FormatId>('coco');
  const [split, setSplit] = useState<SplitOptions | null>(null);
  const [state, setState] = useState<ExportState>({ phase: 'idle' });

  async function run() {
    setState({ phase: 'working' });
    try {
      const dataset = await store.exportDataset(project.id);
      if (dataset.images.length === 0) throw new Error('nothing to export: this project has no images');
      const name = exportFolderName(project.name, format, new Date());
      const request = format === 'yolo' ? yoloRequest(dataset, name, project.rootId, split) : { files: formats[format].exportDataset(dataset), images: undefined, counts: null };
      const written = await host.media.writeExport({ name, files: request.files, images: request.images });
      const done = { phase: 'done' as const, dir: written.dir, name: written.name, count: written.paths.length, split: request.counts };
      setState({ ...done, delivery: await deliverExport(host, written.name).catch((e: unknown) => ({ kind: 'failed' as const, error: messageOf(e) })) });
    } catch (e) {
      setState({ phase: 'failed', error: messageOf(e) });
    }
  }

  return (
    <Modal title="Export labels" onClose={onClose} testId="export-dialog">
      <FormatSelect<never> value={format} onChange={setFormat} testId="export-format-select" />
      {format === 'yolo' && <YoloSplitFields value={split} onChange={setSplit} />}
      <div className="row">
        <button className="btn primary" data-testid="export-confirm-button" disabled={state.phase === 'working'} onClick={() => void run()}>
          {state.phase === 'working' ? 'Exporting…' : 'Export'}
        </button>
        <span className="hint">All items of “{project.name}”, written to a new folder in the host’s data folder, then {host.kind === 'electron' ? 'saved as a zip where you choose' : 'downloaded as a zip'}.</span>
      </div>
      {state.phase === 'done' && <ExportResult state={state} />}
      {state.phase === 'failed' && <div className="error-box" data-testid="export-error">Export failed: {state.error}</div>}
    </Modal>
  );
}

function ExportResult({ state }: { state: Done }) {
  return (
    <div className="ok-box" data-testid="export-result">
      Wrote {state.count} file{state.count === 1 ? '' : 's'} to <code>{state.dir}</code>
      {state.split && (
        <div data-testid="export-split-counts" data-train={state.split.train} data-val={state.split.val}>
          train {state.split.train} · val {state.split.val} images
        </div>
      )}
      <div data-testid="export-delivery" data-kind={state.delivery.kind}>
        {state.delivery.kind === 'failed' ? `The zip could not be delivered: ${state.delivery.error}` : deliveryText(state.delivery, state.name)}
      </div>
    </div>
  );
}

/** YOLO as Ultralytics trains from it: label files plus the project's images copied beside them by the host. */
function yoloRequest(dataset: LabelDataset, name: string, rootId: string, split: SplitOptions | null) {
  const out = exportYoloDataset(dataset, { name, split: split ?? undefined });
  return { files: out.files, images: { rootId, copies: out.images.map((i) => ({ path: i.path, relPath: i.fileName })) }, counts: out.counts };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
