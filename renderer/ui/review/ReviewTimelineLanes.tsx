import type { ReactNode } from 'react';
import { visibleRanges } from '../../../core/video/interpolate';
import type { CanonicalFrameTag, CanonicalSegment, CanonicalTrack } from '../../../core/sync/canonicalVideo';
import { letterOf } from '../../review/reviewSession';
import { finalFrameTagsOf, finalSegmentsOf } from '../../review/videoFinalLabels';
import type { VideoPart } from '../../review/videoReviewObjects';
import type { VideoReviewSession, VideoReviewSnapshot } from '../../review/videoReviewSession';
import { frameAtX, framePercent, rangePercent } from '../video/timelineMath';
import { annotatorColor } from './AnnotatorOverlayLayer';

interface Props {
  session: VideoReviewSession;
  review: VideoReviewSnapshot;
  onSeek: (frame: number) => void;
}

const pct = (v: number) => `${v}%`;
const DECIDED = '#ffffff';

interface Span {
  start: number;
  end: number;
  title: string;
}

function trackSpans(track: CanonicalTrack, frameCount: number): Span[] {
  return visibleRanges(track, frameCount).map(([start, end]) => ({ start, end, title: `${track.className}: frames ${start}–${end}` }));
}

function segmentSpans(segments: readonly CanonicalSegment[]): Span[] {
  return segments.map((s, i) => ({ start: s.startFrame, end: s.endFrame, title: `shot ${i + 1}: frames ${s.startFrame}–${s.endFrame}${s.tags ? ` · ${s.tags.join(', ')}` : ''}` }));
}

function tagSpans(tags: readonly CanonicalFrameTag[]): Span[] {
  return tags.map((t) => ({ start: t.startFrame, end: t.endFrame, title: `${t.className}: frames ${t.startFrame}–${t.endFrame}` }));
}

/** One lane: a label, the spans (alternating shades for segments, so boundaries show), keyframe ticks. */
function Lane(props: { label: ReactNode; color: string; spans: Span[]; keyframes?: readonly number[]; frameCount: number; part: number; who: string; alternate?: boolean; onSeek: (frame: number) => void }) {
  const { label, color, spans, keyframes = [], frameCount, part, who, alternate, onSeek } = props;
  return (
    <div className="row" style={{ alignItems: 'center', gap: 6, height: 14 }} data-testid="review-lane" data-part={part} data-who={who}>
      <span className="stat mono" style={{ width: 88, flex: 'none', color, fontSize: 11, overflow: 'hidden', whiteSpace: 'nowrap' }}>
        {label}
      </span>
      <div
        style={{ position: 'relative', flex: 1, height: 10, background: '#242a31', borderRadius: 2, cursor: 'pointer' }}
        onPointerDown={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          onSeek(frameAtX(e.clientX - r.left, r.width, frameCount));
        }}
      >
        {spans.map((s, i) => (
          <div
            key={`${s.start}-${i}`}
            data-testid="lane-span"
            data-start={s.start}
            data-end={s.end}
            title={s.title}
            style={{ position: 'absolute', top: 1, height: 8, left: pct(framePercent(s.start, frameCount)), width: pct(rangePercent(s.start, s.end, frameCount)), background: color, opacity: alternate && i % 2 ? 0.55 : 0.9, borderRight: alternate ? '1px solid #111' : undefined }}
          />
        ))}
        {keyframes.map((k) => (
          <div key={`k${k}`} data-testid="lane-keyframe" data-frame={k} style={{ position: 'absolute', top: 0, height: 10, width: 2, marginLeft: -1, left: pct(framePercent(k, frameCount)), background: '#f5c542' }} />
        ))}
      </div>
    </div>
  );
}

function partLanes(part: VideoPart, index: number, session: VideoReviewSession, review: VideoReviewSnapshot, onSeek: (f: number) => void): ReactNode[] {
  const { frameCount, annotators, hidden } = review;
  const choice = review.draft.decisions[index]!;
  const common = { frameCount, part: index, onSeek };
  const lanes: ReactNode[] = [];
  const letter = (who: string) => letterOf(annotators.indexOf(who));
  if (part.kind === 'track') {
    for (const m of part.members) {
      if (hidden.has(m.annotator)) continue;
      lanes.push(<Lane key={m.annotator} {...common} who={m.annotator} label={`${letter(m.annotator)} ${m.track.className}`} color={annotatorColor(annotators.indexOf(m.annotator))} spans={trackSpans(m.track, frameCount)} keyframes={m.track.keyframes.map((k) => k.frame)} />);
    }
    const final = session.finalTrack(index);
    lanes.push(<Lane key="decided" {...common} who="decided" label="decided" color={DECIDED} spans={final ? trackSpans(final, frameCount) : []} keyframes={final?.keyframes.map((k) => k.frame) ?? []} />);
    return lanes;
  }
  const spansOf = part.kind === 'segments' ? segmentSpans : tagSpans;
  for (const who of annotators) {
    if (hidden.has(who) || !(who in part.byAnnotator)) continue;
    const list = (part.byAnnotator as Record<string, (CanonicalSegment & CanonicalFrameTag)[]>)[who]!;
    lanes.push(<Lane key={who} {...common} who={who} alternate={part.kind === 'segments'} label={letter(who)} color={annotatorColor(annotators.indexOf(who))} spans={spansOf(list)} />);
  }
  const final = part.kind === 'segments' ? segmentSpans(finalSegmentsOf(part, choice)) : tagSpans(finalFrameTagsOf(part, choice));
  lanes.push(<Lane key="decided" {...common} who="decided" alternate={part.kind === 'segments'} label="decided" color={DECIDED} spans={final} />);
  return lanes;
}

/**
 * The review's timeline: per part (each track cluster, the segmentation,
 * the frame tags) one lane per annotator — spans where the track is
 * visible, shots, tag ranges, keyframe ticks — and the decided lane under
 * them; the current part is framed. A click seeks; the red line is the frame.
 */
export function ReviewTimelineLanes({ session, review, onSeek }: Props) {
  const { parts, current, frame, frameCount } = review;
  return (
    <div data-testid="review-timeline" data-frame={frame} data-frame-count={frameCount} style={{ position: 'relative', margin: '4px 12px', maxHeight: 220, overflowY: 'auto', background: '#1b1f24', borderRadius: 4, padding: 4 }}>
      {parts.map((part, index) => (
        <div
          key={index}
          data-testid="review-lane-group"
          data-part={index}
          data-current={index === current ? 'true' : 'false'}
          style={{ border: index === current ? '1px solid #ffb000' : '1px solid transparent', borderRadius: 3, padding: '2px 4px', marginBottom: 2 }}
          onClick={() => session.select(index)}
        >
          <div className="stat" style={{ fontSize: 11 }}>
            {session.partName(index)}
          </div>
          {partLanes(part, index, session, review, onSeek)}
        </div>
      ))}
      <div style={{ position: 'absolute', top: 0, bottom: 0, left: 102, right: 8, pointerEvents: 'none' }}>
        <div data-testid="review-scrubber" data-frame={frame} style={{ position: 'absolute', top: 0, bottom: 0, left: pct(framePercent(frame, frameCount)), width: 2, marginLeft: -1, background: '#ff5555' }} />
      </div>
    </div>
  );
}
