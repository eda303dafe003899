import { useState } from 'react';
import type { LabelSchema } from '../../../core/model/labelSchema';
import type { FrameTag } from '../../../core/model/track';
import { tagsAtFrame, type FrameRange } from '../../../core/video';
import type { VideoController } from '../../editor/video/videoController';

interface Props {
  controller: VideoController;
  schema: LabelSchema;
  tags: readonly FrameTag[];
  frame: number;
  /** Shift+drag on the timeline; without one the tag goes on the current frame. */
  range: FrameRange | null;
}

/** Classification tags on a frame or a frame range. */
export function TagsPanel({ controller, schema, tags, frame, range }: Props) {
  const [classId, setClassId] = useState(schema.classes[0]?.id ?? '');
  const target: FrameRange = range ?? [frame, frame];
  const here = tagsAtFrame(tags, frame);
  const nameOf = (id: string) => schema.classes.find((c) => c.id === id)?.name ?? '(deleted class)';
  return (
    <section>
      <h3>Frame tags</h3>
      <div className="row" style={{ gap: 6 }}>
        <select data-testid="frame-tag-class" value={classId} onChange={(e) => setClassId(e.currentTarget.value)} className="grow">
          {schema.classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <button className="btn" data-testid="frame-tag-button" disabled={!classId} title="Shift+drag on the timeline to tag a range" onClick={() => controller.tagFrames(classId, target)}>
          Tag {target[0] === target[1] ? `frame ${target[0]}` : `frames ${target[0]}–${target[1]}`}
        </button>
      </div>
      <ul className="stack" style={{ gap: 2, listStyle: 'none', padding: 0, margin: '6px 0 0' }} data-testid="frame-tags-here">
        {here.map((t) => (
          <li key={t.id} className="row" style={{ gap: 6 }}>
            <span className="grow">
              {nameOf(t.classId)} · {t.startFrame === t.endFrame ? `frame ${t.startFrame}` : `${t.startFrame}–${t.endFrame}`}
            </span>
            <button className="btn icon" aria-label="Remove tag" onClick={() => controller.removeFrameTag(t.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
