import { useRef, useState } from 'react';
import type { FrameTag, Segment } from '../../../core/model/track';
import type { FrameRange } from '../../../core/video';
import { frameAtX, framePercent, rangePercent } from './timelineMath';

interface Props {
  frameCount: number;
  frame: number;
  segments: readonly Segment[];
  keyframes: readonly number[];
  labeled: readonly FrameRange[];
  tags: readonly FrameTag[];
  colorOf: (classId: string) => string;
  range: FrameRange | null;
  onSeek: (frame: number) => void;
  /** Shift+drag selects a frame range (for range tags). */
  onRange: (range: FrameRange | null) => void;
}

const pct = (v: number) => `${v}%`;

/** Scrubber over the shots, labelled frames, keyframes of the current track and frame tags. */
export function Timeline({ frameCount, frame, segments, keyframes, labeled, tags, colorOf, range, onSeek, onRange }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ from: number; ranged: boolean } | null>(null);
  const frameOf = (clientX: number) => {
    const r = ref.current!.getBoundingClientRect();
    return frameAtX(clientX - r.left, r.width, frameCount);
  };
  return (
    <div
      ref={ref}
      className="timeline"
      data-testid="timeline"
      data-frame-count={frameCount}
      style={{ position: 'relative', height: 56, margin: '4px 12px', background: '#1b1f24', borderRadius: 4, cursor: 'pointer', userSelect: 'none', touchAction: 'none' }}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        const f = frameOf(e.clientX);
        setDrag({ from: f, ranged: e.shiftKey });
        if (e.shiftKey) onRange([f, f]);
        else onSeek(f);
      }}
      onPointerMove={(e) => {
        if (!drag) return;
        const f = frameOf(e.clientX);
        if (drag.ranged) onRange([Math.min(drag.from, f), Math.max(drag.from, f)]);
        else onSeek(f);
      }}
      onPointerUp={() => setDrag(null)}
    >
      {segments.map((s, i) => (
        <div
          key={s.startFrame}
          data-testid="segment"
          data-start={s.startFrame}
          data-end={s.endFrame}
          title={`Shot ${i + 1}: frames ${s.startFrame}–${s.endFrame}${s.tags.length ? ` · ${s.tags.join(', ')}` : ''}`}
          style={{ position: 'absolute', top: 0, height: 14, left: pct(framePercent(s.startFrame, frameCount)), width: pct(rangePercent(s.startFrame, s.endFrame, frameCount)), background: i % 2 ? '#3a5f8a' : '#4d7fb8', borderRight: '1px solid #111' }}
        />
      ))}
      {labeled.map(([a, b]) => (
        <div key={`l${a}`} data-testid="labeled-range" style={{ position: 'absolute', top: 16, height: 6, left: pct(framePercent(a, frameCount)), width: pct(rangePercent(a, b, frameCount)), background: '#6cbf6c' }} />
      ))}
      {tags.map((t, i) => (
        <div key={t.id} title={`Tag frames ${t.startFrame}–${t.endFrame}`} style={{ position: 'absolute', top: 24 + (i % 3) * 5, height: 4, left: pct(framePercent(t.startFrame, frameCount)), width: pct(rangePercent(t.startFrame, t.endFrame, frameCount)), background: colorOf(t.classId) }} />
      ))}
      {keyframes.map((k) => (
        <div key={`k${k}`} data-testid="keyframe-mark" data-frame={k} style={{ position: 'absolute', top: 40, left: pct(framePercent(k, frameCount)), width: 8, height: 8, marginLeft: -4, background: '#f5c542', transform: 'rotate(45deg)' }} />
      ))}
      {range && (
        <div data-testid="timeline-range" style={{ position: 'absolute', top: 0, bottom: 0, left: pct(framePercent(range[0], frameCount)), width: pct(rangePercent(range[0], range[1], frameCount)), background: 'rgba(255,255,255,0.15)', border: '1px dashed #fff' }} />
      )}
      <div data-testid="scrubber" style={{ position: 'absolute', top: 0, bottom: 0, left: pct(framePercent(frame, frameCount)), width: 2, marginLeft: -1, background: '#ff5555' }} />
    </div>
  );
}
