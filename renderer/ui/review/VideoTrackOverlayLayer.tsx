import { Fragment } from 'react';
import { Layer, Rect, Text } from 'react-konva';
import { visibleBoxAtFrame } from '../../../core/video/interpolate';
import { boxToScreen } from '../../canvas/cameraMath';
import type { Camera } from '../../editor/types';
import { letterOf } from '../../review/reviewSession';
import type { VideoReviewSession, VideoReviewSnapshot } from '../../review/videoReviewSession';
import { annotatorColor } from './AnnotatorOverlayLayer';

interface Props {
  session: VideoReviewSession;
  review: VideoReviewSnapshot;
  camera: Camera;
}

/**
 * Every annotator's tracks at the current frame, dashed in the annotator's
 * colour with their letter and the track's number; the current part's
 * members bold, and its decided track in a solid white outline (the decided
 * tracks themselves are the editor's boxes underneath, which a drag moves).
 */
export function VideoTrackOverlayLayer({ session, review, camera }: Props) {
  const { parts, annotators, hidden, current, frame } = review;
  let trackNumber = 0;
  return (
    <Layer listening={false}>
      {parts.map((part, index) => {
        if (part.kind !== 'track') return null;
        trackNumber += 1;
        const isCurrent = index === current;
        const decided = isCurrent ? session.finalTrack(index) : null;
        const decidedBox = decided ? visibleBoxAtFrame(decided, frame) : null;
        const d = decidedBox ? boxToScreen(decidedBox, camera) : null;
        return (
          <Fragment key={index}>
            {part.members.map((member) => {
              if (hidden.has(member.annotator)) return null;
              const box = visibleBoxAtFrame(member.track, frame);
              if (!box) return null;
              const position = annotators.indexOf(member.annotator);
              const b = boxToScreen(box, camera);
              const color = annotatorColor(position);
              return (
                <Fragment key={member.annotator}>
                  <Rect x={b.x} y={b.y} width={b.w} height={b.h} stroke={color} strokeWidth={isCurrent ? 2.5 : 1} dash={[6, 4]} listening={false} />
                  {/* One label line per annotator, so tracks that agree do not hide each other's letters. */}
                  <Text x={b.x + 2} y={b.y + 2 + position * 12} text={`${letterOf(position)} ${member.track.className} #${trackNumber}`} fontSize={11} fill={color} listening={false} />
                </Fragment>
              );
            })}
            {d && <Rect x={d.x} y={d.y} width={d.w} height={d.h} stroke="#ffffff" strokeWidth={3} listening={false} />}
          </Fragment>
        );
      })}
    </Layer>
  );
}
