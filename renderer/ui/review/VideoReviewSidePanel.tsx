import { reviewKeyHelp } from '../../review/reviewKeys';
import { letterOf } from '../../review/reviewSession';
import { videoReasonOf } from '../../review/videoFinalLabels';
import { annotatorHas } from '../../review/videoReviewObjects';
import type { VideoReviewSession, VideoReviewSnapshot } from '../../review/videoReviewSession';
import type { VideoChoice } from '../../review/videoReviewTypes';
import { REASON_LABELS } from '../../review/reviewTypes';
import { annotatorColor } from './AnnotatorOverlayLayer';

interface Props {
  keymap: Readonly<Record<string, readonly string[]>>;
  session: VideoReviewSession;
  review: VideoReviewSnapshot;
  onRedraw: (index: number) => void;
  act: (run: () => void) => void;
}

/** Rows of the key table a video review does not use: reasons are derived, classes are the tracks', missed objects are drawn with R. */
const unused = (what: string) => what.startsWith('reason:') || what.endsWith('class for the object') || what === 'draw an object the annotators missed';

function choiceText(annotators: readonly string[], choice: VideoChoice): string {
  switch (choice.kind) {
    case 'undecided':
      return 'open';
    case 'annotator':
      return `annotator ${letterOf(annotators.indexOf(choice.annotator))}`;
    case 'merged':
      return 'consensus';
    case 'drawn':
      return 'redrawn';
    case 'drop':
      return 'dropped';
  }
}

/** Annotators (toggle), the parts (pick), the current part's choices, and the keys. */
export function VideoReviewSidePanel({ keymap, session, review, onRedraw, act }: Props) {
  const index = review.current;
  const part = index >= 0 ? review.parts[index] : undefined;
  return (
    <aside className="side right">
      <section>
        <h3>Annotators</h3>
        {review.annotators.map((annotator, position) => (
          <label key={annotator} className="row" title={annotator}>
            <input type="checkbox" data-testid="annotator-toggle" data-annotator={annotator} checked={!review.hidden.has(annotator)} onChange={() => session.toggleAnnotator(annotator)} />
            <span className="swatch" style={{ background: annotatorColor(position) }} />
            <strong>{letterOf(position)}</strong>
            <code className="stat">{`${annotator.slice(0, 8)}…`}</code>
          </label>
        ))}
      </section>
      <section>
        <h3>Parts</h3>
        {review.parts.map((p, i) => {
          const choice = review.draft.decisions[i]!;
          return (
            <button key={i} className={`btn ghost${i === index ? ' active' : ''}`} data-testid="review-object" data-index={i} data-kind={p.kind} data-choice={choice.kind} data-current={i === index ? 'true' : 'false'} onClick={() => session.select(i)}>
              {session.partName(i)}
              {p.kind === 'track' ? ` (${session.finalTrack(i)?.className ?? p.merged.className})` : ''} · {choiceText(review.annotators, choice)} · {REASON_LABELS[videoReasonOf(p, choice)]}
            </button>
          );
        })}
      </section>
      {part && (
        <section data-testid="review-current">
          <h3>{session.partName(index)}</h3>
          <div className="row" style={{ flexWrap: 'wrap' }}>
            {review.annotators.map((annotator, position) => (
              <button key={annotator} className="btn" data-testid="take-annotator" data-annotator={annotator} disabled={!annotatorHas(part, annotator)} onClick={() => act(() => session.takeAnnotator(index, annotator))}>
                {letterOf(position)}
              </button>
            ))}
            <button className="btn" data-testid="take-merged" onClick={() => act(() => session.takeMerged(index))}>
              Consensus (M)
            </button>
            {part.kind === 'track' && (
              <button className="btn" data-testid="redraw-object" onClick={() => onRedraw(index)}>
                Redraw (R)
              </button>
            )}
            <button className="btn" data-testid="drop-object" onClick={() => act(() => session.drop(index))}>
              {part.kind === 'track' ? 'Drop (X)' : 'None (X)'}
            </button>
          </div>
          {part.kind === 'track' && <div className="hint">Move the white box on any frame to set a keyframe there; O ends the track at this frame.</div>}
        </section>
      )}
      <section>
        <h3>Keys</h3>
        <table className="table">
          <tbody>
            {reviewKeyHelp(keymap)
              .filter(([, what]) => !unused(what))
              .map(([keys, what]) => (
                <tr key={keys}>
                  <td className="stat">{keys}</td>
                  <td>{what}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </section>
    </aside>
  );
}
