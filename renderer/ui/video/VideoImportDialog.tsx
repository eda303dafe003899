import { useMemo, useState } from 'react';
import type { FormatFile } from '../../../core/formats';
import { videoFormatIds, videoFormats, type VideoFormatId } from '../../../core/formats/video';
import type { Item } from '../../../core/model/item';
import type { Project } from '../../../core/model/project';
import { parseVideoImport, type VideoImportPreview, type VideoMappedView } from './videoLabelFiles';
import { plural } from '../words/plural';
import { ImportFailureBox } from '../labeling/importFailureBox';
import { ImportWarningsList } from '../labeling/importWarningsList';
import { Modal } from '../labeling/Modal';
import { LOCAL_AUTHOR } from '../labeling/useEditorSession';

interface Props {
  files: FormatFile[];
  initialFormat: VideoFormatId;
  project: Project;
  item: Item;
  /** How many shots the video has now (the file's shots replace them). */
  currentShots: number;
  /** Import: the preview as parsed, and whether to add its new classes to the schema first. */
  onCommit: (preview: VideoImportPreview, addClasses: boolean) => Promise<void>;
  onClose: () => void;
}

/**
 * Video labels → a preview of what Import would add to this video (tracks,
 * boxes, frame tags, shots, what was left out) → Import (one undo step) or
 * Cancel. A failure stays here; another format can be chosen and tried.
 */
export function VideoImportDialog({ files, initialFormat, project, item, currentShots, onCommit, onClose }: Props) {
  const [format, setFormat] = useState(initialFormat);
  const [addClasses, setAddClasses] = useState(true);
  const [busy, setBusy] = useState(false);
  const parsed = useMemo(() => parseVideoImport(format, files, project, item, LOCAL_AUTHOR, Date.now()), [files, format, project, item]);
  return (
    <Modal title="Import video labels" onClose={onClose} testId="video-import-dialog" wide>
      <div className="stat mono">{files.map((f) => f.path).join(', ')}</div>
      <label className="field">
        <span>Format</span>
        <select className="select" data-testid="video-import-format-select" value={format} onChange={(e) => setFormat(e.target.value as VideoFormatId)}>
          {videoFormatIds.map((id) => (
            <option key={id} value={id}>
              {videoFormats[id].label}
            </option>
          ))}
        </select>
      </label>
      {!parsed.ok && <ImportFailureBox failure={parsed.failure} testId="video-import-error" />}
      {parsed.ok && <VideoPreview preview={parsed.preview} addClasses={addClasses} onAddClasses={setAddClasses} item={item} currentShots={currentShots} />}
      <div className="row">
        {parsed.ok && (
          <button
            className="btn primary"
            data-testid="video-import-commit-button"
            disabled={busy || isEmpty(shownView(parsed.preview, addClasses))}
            onClick={() => {
              setBusy(true);
              void onCommit(parsed.preview, addClasses).finally(() => setBusy(false));
            }}
          >
            Import
          </button>
        )}
        <button className="btn" data-testid="video-import-cancel-button" disabled={busy} onClick={onClose}>
          Cancel
        </button>
        {parsed.ok && isEmpty(shownView(parsed.preview, addClasses)) && <span className="hint">Nothing in these files to import into this video.</span>}
      </div>
    </Modal>
  );
}

/** What Import would write: the mapping onto the schema as it is, or with the new classes added. */
function shownView(preview: VideoImportPreview, addClasses: boolean): VideoMappedView {
  return addClasses && preview.asIfAdded ? preview.asIfAdded : preview;
}

function isEmpty({ mapped }: VideoMappedView): boolean {
  return mapped.tracks.length === 0 && mapped.shapes.length === 0 && mapped.frameTags.length === 0 && !mapped.segments;
}

interface PreviewProps {
  preview: VideoImportPreview;
  addClasses: boolean;
  onAddClasses: (add: boolean) => void;
  item: Item;
  currentShots: number;
}

function VideoPreview({ preview, addClasses, onAddClasses, item, currentShots }: PreviewProps) {
  const shown = shownView(preview, addClasses);
  const { mapped } = shown;
  const { newClasses } = preview.mapped;
  const keyframes = mapped.tracks.reduce((n, t) => n + t.keyframes.length, 0);
  return (
    <div className="stack" data-testid="video-import-preview" data-format={preview.format}>
      <dl className="import-figures">
        <dt>Read as</dt>
        <dd>{videoFormats[preview.format].label}</dd>
        <dt>Video</dt>
        <dd className="mono">{item.relPath}</dd>
        <dt>Tracks</dt>
        <dd data-testid="video-import-tracks" data-count={mapped.tracks.length}>
          {plural(mapped.tracks.length, 'track')} ({plural(keyframes, 'keyframe')})
        </dd>
        <dt>Boxes</dt>
        <dd data-testid="video-import-boxes" data-count={mapped.shapes.length}>
          {plural(mapped.shapes.length, 'box', 'boxes')} on single frames
        </dd>
        <dt>Frame tags</dt>
        <dd data-testid="video-import-tags" data-count={mapped.frameTags.length}>
          {plural(mapped.frameTags.length, 'frame tag')}
        </dd>
        <dt>Shots</dt>
        <dd data-testid="video-import-shots" data-count={mapped.segments?.length ?? 0}>
          {mapped.segments ? `${plural(mapped.segments.length, 'shot')}, replacing the current ${currentShots}` : 'none in the file; the current shots stay'}
        </dd>
        {newClasses.length > 0 && (
          <>
            <dt>New classes</dt>
            <dd data-testid="video-import-new-classes">
              {newClasses.map((c) => (
                <span key={c} className="import-class new">
                  {c}
                </span>
              ))}
              {!addClasses && <span className="hint">not in the label schema: their labels are left out</span>}
            </dd>
          </>
        )}
      </dl>
      {newClasses.length > 0 && (
        <label className="row">
          <input type="checkbox" data-testid="video-import-add-classes" checked={addClasses} onChange={(e) => onAddClasses(e.target.checked)} />
          Add {plural(newClasses.length, 'class', 'classes')} to the label schema
        </label>
      )}
      <ImportWarningsList warnings={shown.warnings} testId="video-import-warnings" />
    </div>
  );
}
