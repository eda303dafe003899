import { useState } from 'react';
import type { Item } from '../../../core/model/item';
import type { LabelSchema } from '../../../core/model/labelSchema';
import type { Box } from '../../../core/model/shape';
import { AutoTrackResultSchema } from '../../../electron/common/services';
import { tracksFromAutoTrack } from '../../editor/video/autoTrackTracks';
import type { VideoController } from '../../editor/video/videoController';
import { LOCAL_AUTHOR } from '../labeling/useEditorSession';
import { useModels } from '../prelabel/useModels';
import { mergeVisualTrack } from './mergeVisualTrack';
import { JobProgressBar, useHostJob } from './useHostJob';

interface Props {
  controller: VideoController;
  rootId: string;
  item: Item;
  schema: LabelSchema;
  /** The current frame and the one selected box on it (the visual tracker follows it from there). */
  frame: number;
  selected: { box: Box; classId: string } | null;
}

/**
 * Auto-track on the host, landing as one undo step. Without a model (the
 * default, and all there is when no detector is installed) the visual
 * tracker follows the selected box from the current frame; with a detector
 * chosen, the detector runs every k frames and its detections become tracks.
 */
export function AutoTrackPanel({ controller, rootId, item, schema, frame, selected }: Props) {
  const last = (item.video?.frameCount ?? 1) - 1;
  const [modelId, setModelId] = useState<string | null>(null);
  const [everyK, setEveryK] = useState(5);
  const [range, setRange] = useState<[number, number]>([0, last]);
  const [note, setNote] = useState<string | null>(null);
  const models = useModels(modelId);
  const job = useHostJob();
  const detectors = models.models.filter((m) => m.available && m.task === 'detect');

  const selectedClass = selected ? schema.classes.find((c) => c.id === selected.classId) : undefined;
  const visualReady = !modelId && selected !== null && selectedClass !== undefined && frame < range[1];

  async function runVisual() {
    if (!selected || !selectedClass) return;
    setNote(null);
    // A plain box becomes a track first (its own undo step), so the followed keyframes land in it.
    const isTrack = (id: string | undefined) => controller.frames.getVideo().tracks.some((t) => t.id === id);
    if (!isTrack(controller.editor.getSnapshot().selectedIds[0])) controller.makeTrack();
    const trackId = controller.editor.getSnapshot().selectedIds[0];
    if (!isTrack(trackId)) return;
    const raw = await job.run({ kind: 'autotrack', tracker: 'visual', rootId, relPath: item.relPath, target: { box: selected.box, className: selectedClass.name }, everyK, startFrame: frame, endFrame: range[1] });
    const track = controller.frames.getVideo().tracks.find((t) => t.id === trackId);
    if (raw === null || !track) return;
    const result = AutoTrackResultSchema.parse(raw);
    controller.addLabels([mergeVisualTrack(track, result, frame, { author: LOCAL_AUTHOR, now: Date.now() })], [], 'Auto-track');
    const end = result.tracks[0]?.endFrame;
    setNote(end === undefined ? `followed to frame ${range[1]}` : `object lost at frame ${end}: the track ends there`);
  }

  async function run() {
    if (!modelId) return runVisual();
    setNote(null);
    const raw = await job.run({ kind: 'autotrack', rootId, relPath: item.relPath, modelId, thresholds: { confidence: 0.25, iou: 0.45 }, everyK, startFrame: range[0], endFrame: range[1] });
    if (raw === null) return;
    const { tracks, unknownClasses } = tracksFromAutoTrack(AutoTrackResultSchema.parse(raw), schema, { projectId: item.projectId, itemId: item.id }, { author: LOCAL_AUTHOR, now: Date.now() });
    controller.addLabels(tracks, [], 'Auto-track');
    setNote(`${tracks.length} track${tracks.length === 1 ? '' : 's'} added${unknownClasses.length ? `; left out (no such class): ${unknownClasses.join(', ')}` : ''}`);
  }

  const num = (v: number, min: number, max: number) => (Number.isInteger(v) && v >= min && v <= max ? v : null);
  return (
    <section>
      <h3>Auto-track</h3>
      <div className="stack" style={{ gap: 6 }}>
        <select data-testid="autotrack-model" value={modelId ?? ''} onChange={(e) => setModelId(e.currentTarget.value || null)}>
          <option value="">Visual tracker (no model)</option>
          {detectors.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <label className="row" style={{ gap: 6 }}>
          <span className="grow">Every k frames</span>
          <input type="number" min={1} value={everyK} style={{ width: 64 }} onChange={(e) => { const v = num(e.currentTarget.valueAsNumber, 1, 1000); if (v !== null) setEveryK(v); }} />
        </label>
        <label className="row" style={{ gap: 6 }}>
          <span className="grow">Frames</span>
          <input type="number" min={0} max={last} value={range[0]} style={{ width: 64 }} onChange={(e) => { const v = num(e.currentTarget.valueAsNumber, 0, range[1]); if (v !== null) setRange([v, range[1]]); }} />
          <input type="number" min={0} max={last} value={range[1]} style={{ width: 64 }} onChange={(e) => { const v = num(e.currentTarget.valueAsNumber, range[0], last); if (v !== null) setRange([range[0], v]); }} />
        </label>
        <button className="btn" data-testid="autotrack-button" disabled={job.running || (!modelId && !visualReady)} onClick={() => void run()}>
          Auto-track
        </button>
        {!modelId && !visualReady && <div className="hint">Select one box on this frame (before the range end) to follow it</div>}
        <JobProgressBar job={job} testId="autotrack-progress" />
        {job.error && <div className="error-box">Auto-track failed: {job.error}</div>}
        {models.listError && <div className="error-box">Models: {models.listError}</div>}
        {note && <div className="hint" data-testid="autotrack-result">{note}</div>}
      </div>
    </section>
  );
}
