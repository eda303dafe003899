import { defaultAttributes, type LabelSchema } from '../../../core/model/labelSchema';
import type { Track } from '../../../core/model/track';
import { newId } from '../../../core/util/ids';
import { keyframesFromDetections } from '../../../core/video/autoTrack';
import type { AutoTrackResult } from '../../../electron/common/services/videoService';
import type { EditStamp } from '../shapeEdits';

export interface AutoTrackTracks {
  tracks: Track[];
  /** Detector class names with no class of that name in the schema; their tracks are left out. */
  unknownClasses: string[];
}

/**
 * The 'autotrack' job's tracks as store tracks: keyframes at the detection
 * frames, source 'model' with the detection score, so the annotator can see
 * which keyframes still need a look. Classes are matched by name, ignoring case.
 */
export function tracksFromAutoTrack(result: AutoTrackResult, schema: LabelSchema, owner: { projectId: string; itemId: string }, stamp: EditStamp): AutoTrackTracks {
  const byName = new Map(schema.classes.map((c) => [c.name.toLowerCase(), c]));
  const unknown = new Set<string>();
  const tracks: Track[] = [];
  for (const t of result.tracks) {
    const cls = byName.get(t.className.toLowerCase());
    if (!cls) {
      unknown.add(t.className);
      continue;
    }
    const detections = [...t.keyframes].sort((a, b) => a.frame - b.frame).filter((k, i, all) => i === 0 || all[i - 1]!.frame !== k.frame);
    // The tracker marks where the object was lost: an outside keyframe there ends the track instead of holding it to the end.
    const keyframes = keyframesFromDetections(detections, t.endFrame);
    if (keyframes.length === 0) continue;
    tracks.push({ id: newId('trk_'), ...owner, classId: cls.id, attributes: defaultAttributes(cls), keyframes, author: stamp.author, createdAt: stamp.now, updatedAt: stamp.now, version: 1 });
  }
  return { tracks, unknownClasses: [...unknown] };
}
