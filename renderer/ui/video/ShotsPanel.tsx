import { useCallback, useEffect, useRef, useState } from 'react';
import type { Item } from '../../../core/model/item';
import { segmentIndexAtFrame, segmentsFromShots } from '../../../core/video';
import { ShotsResultSchema } from '../../../electron/common/services';
import type { VideoController } from '../../editor/video/videoController';
import type { SegmentsState } from '../../document/videoChange';
import { JobProgressBar, useHostJob } from './useHostJob';
import { shotsChange } from '../../editor/video/videoCommands';
import { useStore } from '../StoreContext';

const DEFAULT_THRESHOLD = 0.3;
/** Items whose shots pass this renderer started; React may mount twice, the pass runs once. */
const started = new Set<string>();

interface Props {
  controller: VideoController;
  rootId: string;
  item: Item;
  segments: SegmentsState | null;
  frame: number;
}

/** Runs the shots pass on first open; re-cut with the slider (from stored scores), split, merge, tag. */
export function ShotsPanel({ controller, rootId, item, segments, frame }: Props) {
  const store = useStore();
  const job = useHostJob();
  const [threshold, setThreshold] = useState<number | null>(null);
  const [tag, setTag] = useState('');
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);

  const { run } = job;
  const detect = useCallback(() => {
    started.add(item.id);
    void run({ kind: 'shots', rootId, relPath: item.relPath, threshold: DEFAULT_THRESHOLD }).then((raw) => {
      if (raw === null) return;
      const result = ShotsResultSchema.parse(raw);
      // Through the store, not the view: the result is kept even if the annotator moved on meanwhile.
      const change = shotsChange(segmentsFromShots(result.segments), result.scores, DEFAULT_THRESHOLD);
      return store.withItemDocument(item.id, (doc) => doc.commit(change, { history: false, label: 'Shots' }));
    });
  }, [run, item.id, item.relPath, rootId, store]);
  useEffect(() => {
    if (!segments && !started.has(item.id)) detect();
  }, [segments, item.id, detect]);

  const shown = threshold ?? segments?.threshold ?? DEFAULT_THRESHOLD;
  const index = segments ? segmentIndexAtFrame(segments.segments, frame) : -1;
  const current = segments?.segments[index];
  return (
    <section>
      <h3>Shots</h3>
      <JobProgressBar job={job} testId="shots-progress" />
      {job.error && <div className="error-box">Shot detection failed: {job.error}</div>}
      {!segments && !job.running && (
        <button className="btn" data-testid="detect-shots-button" onClick={detect}>
          Detect shots
        </button>
      )}
      <label className="row" style={{ gap: 6 }} title="Scene-change threshold: higher means fewer cuts">
        <span>Threshold</span>
        <input
          data-testid="shots-threshold"
          type="range"
          min={0}
          max={1}
          step={0.01}
          value={shown}
          disabled={!segments}
          className="grow"
          onChange={(e) => {
            const v = e.currentTarget.valueAsNumber;
            setThreshold(v);
            if (debounce.current) clearTimeout(debounce.current);
            // One undo step per settled slider position, not per pixel of drag.
            debounce.current = setTimeout(() => {
              controller.recut(v);
              setThreshold(null);
            }, 250);
          }}
        />
        <span className="mono">{shown.toFixed(2)}</span>
      </label>
      {segments && (
        <div className="stack" style={{ gap: 6 }}>
          <div className="hint" data-testid="shot-count">
            {segments.segments.length} shot{segments.segments.length === 1 ? '' : 's'}
            {current ? ` · this is shot ${index + 1} (frames ${current.startFrame}–${current.endFrame})` : ''}
          </div>
          <div className="row" style={{ gap: 6 }}>
            <button className="btn" data-testid="split-shot-button" title="Split the shot at this frame (Shift+S)" onClick={() => controller.splitSegment()}>Split here</button>
            <button className="btn" data-testid="merge-shot-button" disabled={index < 0 || index >= segments.segments.length - 1} onClick={() => controller.mergeSegmentWithNext(index)}>Merge with next</button>
          </div>
          <div className="row" style={{ gap: 6 }}>
            <input placeholder="Shot tag" value={tag} onChange={(e) => setTag(e.currentTarget.value)} className="grow" data-testid="shot-tag-input" />
            <button className="btn" disabled={!tag.trim() || index < 0} onClick={() => controller.toggleSegmentTag(index, tag.trim())}>Tag / untag</button>
          </div>
          {current && current.tags.length > 0 && <div className="hint">Tags: {current.tags.join(', ')}</div>}
        </div>
      )}
    </section>
  );
}
