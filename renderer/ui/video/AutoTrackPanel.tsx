import { useState } from 'react';
import type { Item } from '../../../core/model/item';
import type { LabelSchema } from '../../../core/model/labelSchema';
import { AutoTrackResultSchema } from '../../../electron/common/services';
import { tracksFromAutoTrack } from '../../editor/video/autoTrackTracks';
import type { VideoController } from '../../editor/video/videoController';
import { LOCAL_AUTHOR } from '../labeling/useEditorSession';
import { useModels } from '../prelabel/useModels';
import { JobProgressBar, useHostJob } from './useHostJob';

interface Props {
  controller: VideoController;
  rootId: string;
  item: Item;
  schema: LabelSchema;
}

/** Detector every k frames over a range, linked into tracks on the host; the tracks land as one undo step. */
export function AutoTrackPanel({ controller, rootId, item, schema }: Props) {
  const last = (item.video?.frameCount ?? 1) - 1;
  const [modelId, setModelId] = useState<string | null>(null);
  const [everyK, setEveryK] = useState(5);
  const [range, setRange] = useState<[number, number]>([0, last]);
  const [note, setNote] = useState<string | null>(null);
  const models = useModels(modelId);
  const job = useHostJob();
  const detectors = models.models.filter((m) => m.available && m.task === 'detect');

  async function run() {
    if (!modelId) return;
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
          <option value="">— choose a detector —</option>
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
        <button className="btn" data-testid="autotrack-button" disabled={!modelId || job.running} onClick={() => void run()}>
          Auto-track
        </button>
        <JobProgressBar job={job} testId="autotrack-progress" />
        {job.error && <div className="error-box">Auto-track failed: {job.error}</div>}
        {models.listError && <div className="error-box">Models: {models.listError}</div>}
        {note && <div className="hint" data-testid="autotrack-result">{note}</div>}
      </div>
    </section>
  );
}
