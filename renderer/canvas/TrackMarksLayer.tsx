import { Layer, Rect } from 'react-konva';
import type { Shape } from '../../core/model/shape';
import type { Camera } from '../editor/types';
import { boxToScreen } from './cameraMath';

interface Props {
  shapes: readonly Shape[];
  /** Ids of track boxes that are interpolated on this frame (not keyframes). */
  interpolatedIds: ReadonlySet<string>;
  camera: Camera;
}

/**
 * Video frames: an interpolated track box gets a dashed white outline over
 * its class-coloured stroke, so keyframes (plain) and in-between boxes
 * (dashed) are told apart at a glance.
 */
export function TrackMarksLayer({ shapes, interpolatedIds, camera }: Props) {
  if (interpolatedIds.size === 0) return null;
  return (
    <Layer listening={false}>
      {shapes
        .filter((s) => interpolatedIds.has(s.id))
        .map((s) => {
          const b = boxToScreen(s.box, camera);
          return <Rect key={s.id} x={b.x} y={b.y} width={b.w} height={b.h} stroke="#ffffff" strokeWidth={1} dash={[4, 4]} listening={false} />;
        })}
    </Layer>
  );
}
