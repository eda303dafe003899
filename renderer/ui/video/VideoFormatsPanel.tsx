import { useState } from 'react';
import { videoFormatIds, videoFormats, type VideoFormatId } from '../../../core/formats/video';
import type { Item } from '../../../core/model/item';
import type { Project } from '../../../core/model/project';
import type { VideoController } from '../../editor/video/videoController';
import { useHost } from '../../platform/HostContext';
import { deliverExport, deliveryText } from '../labeling/deliverExport';
import { exportFolderName } from '../labeling/exportFolderName';
import { VideoImportDialog } from './VideoImportDialog';
import { readImportFiles } from '../labeling/readImportFiles';
import type { FormatFile } from '../../../core/formats';
import { importFailureText } from '../../labelImport/importFailure';
import { LOCAL_AUTHOR } from '../labeling/useEditorSession';
import { useStore } from '../StoreContext';
import { commitVideoImportWithClasses, exportVideoFiles, importedLabelsText, type VideoImportPreview } from './videoLabelFiles';

type Outcome = { kind: 'ok'; text: string; delivery?: string } | { kind: 'imported'; text: string } | { kind: 'error'; text: string } | null;

/**
 * This video's tracks, boxes, frame tags and shots as MOT, CVAT video or
 * COCO per frame; import shows what the files hold first, and Import adds
 * it as one undo step.
 */
export function VideoFormatsPanel({ controller, project, item }: { controller: VideoController; project: Project; item: Item }) {
  const host = useHost();
  const store = useStore();
  const [format, setFormat] = useState<VideoFormatId>('mot');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [picked, setPicked] = useState<FormatFile[] | null>(null);
  const document = controller.frames.document;

  async function exportNow() {
    try {
      const video = document.getVideo();
      const files = exportVideoFiles(format, project, item, { tracks: video.tracks, shapes: document.getShapes(), frameTags: video.frameTags, segments: video.segments?.segments ?? null });
      const written = await host.media.writeExport({ name: exportFolderName(project.name, format, new Date()), files });
      setOutcome({ kind: 'ok', text: written.dir });
      // Then the same zip hand-over as image exports: a browser download, or Electron's save dialog.
      const delivery = await deliverExport(host, written.name).then(
        (d) => deliveryText(d, written.name),
        (e: unknown) => `The zip could not be delivered: ${e instanceof Error ? e.message : String(e)}`,
      );
      setOutcome({ kind: 'ok', text: written.dir, delivery });
    } catch (e) {
      setOutcome({ kind: 'error', text: `Export failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  async function pickFiles(list: FileList | null) {
    if (!list || list.length === 0) return;
    try {
      setPicked(await readImportFiles(list));
    } catch (e) {
      setOutcome({ kind: 'error', text: `Could not read the files: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  async function commit(files: FormatFile[], preview: VideoImportPreview, addClasses: boolean) {
    try {
      const done = await commitVideoImportWithClasses({ updateLabelSchema: (id, schema) => store.updateLabelSchema(id, schema), controller, project, item, author: LOCAL_AUTHOR }, files, preview, addClasses);
      setOutcome(done.ok ? { kind: 'imported', text: `Imported ${importedLabelsText(done.preview.mapped)}` } : { kind: 'error', text: `Nothing imported: ${importFailureText(done.failure)}` });
    } catch (e) {
      setOutcome({ kind: 'error', text: `Import failed: ${e instanceof Error ? e.message : String(e)}` });
    }
    setPicked(null);
  }

  return (
    <section>
      <h3>Video labels</h3>
      <div className="stack" style={{ gap: 6 }}>
        <select data-testid="video-format-select" value={format} onChange={(e) => setFormat(e.currentTarget.value as VideoFormatId)}>
          {videoFormatIds.map((id) => (
            <option key={id} value={id}>
              {videoFormats[id].label}
            </option>
          ))}
        </select>
        <div className="row" style={{ gap: 6 }}>
          <button className="btn" data-testid="video-export-button" onClick={() => void exportNow()}>
            Export
          </button>
          <label className="btn">
            Import…
            <input
              data-testid="video-import-input"
              type="file"
              multiple
              hidden
              onChange={(e) => {
                const input = e.currentTarget;
                // Cleared afterwards so picking the same file again imports again.
                void pickFiles(input.files).finally(() => (input.value = ''));
              }}
            />
          </label>
        </div>
        {outcome?.kind === 'ok' && (
          <div className="ok-box">
            <div data-testid="video-export-result">{outcome.text}</div>
            {outcome.delivery && <div data-testid="video-export-delivery">{outcome.delivery}</div>}
          </div>
        )}
        {outcome?.kind === 'imported' && (
          <div className="ok-box" data-testid="video-import-result">
            {outcome.text}
          </div>
        )}
        {outcome?.kind === 'error' && <div className="error-box" data-testid="video-format-error">{outcome.text}</div>}
      </div>
      {picked && (
        <VideoImportDialog
          files={picked}
          initialFormat={format}
          project={project}
          item={item}
          currentShots={document.getVideo().segments?.segments.length ?? 0}
          onCommit={(preview, addClasses) => commit(picked, preview, addClasses)}
          onClose={() => setPicked(null)}
        />
      )}
    </section>
  );
}
