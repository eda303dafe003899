import { Fragment } from 'react';
import { Layer, Rect, Text } from 'react-konva';
import { boxToScreen } from '../../canvas/cameraMath';
import type { Camera } from '../../editor/types';
import { letterOf, type ReviewSnapshot } from '../../review/reviewSession';

/** One colour per annotator position, far apart in hue; annotator shapes are dashed, so they never read as final labels. */
export const ANNOTATOR_COLORS = ['#ffb000', '#00c2ff', '#ff4fd8', '#7cff4f', '#ff6b3d', '#b18cff', '#3dffc8', '#ffe14f', '#ff8fa3'];

export function annotatorColor(position: number): string {
  return ANNOTATOR_COLORS[position % ANNOTATOR_COLORS.length]!;
}

interface Props {
  review: ReviewSnapshot;
  camera: Camera;
}

/**
 * Every annotator's shapes over the picture, dashed in the annotator's
 * colour with their letter; the consensus proposal (merged shapes of objects
 * that reached a quorum) in a thick white outline; the current object's
 * shapes drawn bold so the reviewer sees what the keys act on. The final
 * labels themselves are the editor's shapes underneath.
 */
export function AnnotatorOverlayLayer({ review, camera }: Props) {
  const { objects, annotators, hidden, current } = review;
  return (
    <Layer listening={false}>
      {objects.map((object, index) => {
        const isCurrent = index === current;
        const proposal = object.accepted ? boxToScreen(object.merged.box, camera) : null;
        return (
          <Fragment key={index}>
            {proposal && <Rect x={proposal.x} y={proposal.y} width={proposal.w} height={proposal.h} stroke="#ffffff" strokeWidth={isCurrent ? 3 : 2} opacity={0.55} listening={false} />}
            {object.members.map((member) => {
              const position = annotators.indexOf(member.annotator);
              if (hidden.has(member.annotator)) return null;
              const b = boxToScreen(member.shape.box, camera);
              const color = annotatorColor(position);
              return (
                <Fragment key={member.annotator}>
                  <Rect x={b.x} y={b.y} width={b.w} height={b.h} stroke={color} strokeWidth={isCurrent ? 2.5 : 1} dash={[6, 4]} listening={false} />
                  <Text x={b.x + 2} y={b.y + 2} text={`${letterOf(position)} ${member.shape.className}`} fontSize={11} fill={color} listening={false} />
                </Fragment>
              );
            })}
          </Fragment>
        );
      })}
    </Layer>
  );
}
