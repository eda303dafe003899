import { useMemo, useState } from 'react';
import type { FormatFile } from '../../../core/formats';
import { videoFormatIds, videoFormats, type VideoFormatId } from '../../../core/formats/video';
import type { Item } from '../../../core/model/item';
import type { Project } from '../../../core/model/project';
import { parseVideoImport, type VideoImportPreview } from '../video/videoLabelFiles';
import { plural } from '../words/plural';
import { ImportFailureBox } from './importFailureBox';
import { ImportWarningsList } from './importWarningsList';
import { Modal } from './Modal';
import { LOCAL_AUTHOR } from './useEditorSession';

interface Props {
  files: FormatFile[];
  initialFormat: VideoFormatId;
  project: Project;
  item: Item;
  /** How many shots the video has now (the file's shots replace them). */
  currentShots: number;
  onCommit: (preview: VideoImportPreview) => void;
  onClose: () => void;
}

/**
 * Video labels → a preview of what Import would add to this video (tracks,
 * boxes, frame tags, shots, what was left out) → Import (one undo step) or
 * Cancel. A failure stays here; another format can be chosen and tried.
 */
export function VideoImportDialog({ files, initialFormat, project, item, currentShots, onCommit, onClose }: Props) {
  const [format, setFormat] = useState(initialFormat);
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
      {parsed.ok && <VideoPreview preview={parsed.preview} item={item} currentShots={currentShots} />}
      <div className="row">
        {parsed.ok && (
          <button className="btn primary" data-testid="video-import-commit-button" disabled={isEmpty(parsed.preview)} onClick={() => onCommit(parsed.preview)}>
            Import
          </button>
        )}
        <button className="btn" data-testid="video-import-cancel-button" onClick={onClose}>
          Cancel
        </button>
        {parsed.ok && isEmpty(parsed.preview) && <span className="hint">Nothing in these files to import into this video.</span>}
      </div>
    </Modal>
  );
}

function isEmpty({ mapped }: VideoImportPreview): boolean {
  return mapped.tracks.length === 0 && mapped.shapes.length === 0 && mapped.frameTags.length === 0 && !mapped.segments;
}

function VideoPreview({ preview, item, currentShots }: { preview: VideoImportPreview; item: Item; currentShots: number }) {
  const { mapped } = preview;
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
        {mapped.newClasses.length > 0 && (
          <>
            <dt>Left out</dt>
            <dd data-testid="video-import-new-classes">
              {mapped.newClasses.map((c) => (
                <span key={c} className="import-class new">
                  {c}
                </span>
              ))}
              <span className="hint">not in the label schema: add them there first to import their labels</span>
            </dd>
          </>
        )}
      </dl>
      <ImportWarningsList warnings={preview.warnings} testId="video-import-warnings" />
    </div>
  );
}
