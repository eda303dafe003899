import type { LabelSchema } from '../../../core/model/labelSchema';
import { reviewKeyHelp } from '../../review/reviewKeys';
import { letterOf, type ReviewSession, type ReviewSnapshot } from '../../review/reviewSession';
import { REASON_KEYS, REASON_LABELS, type VerdictReason } from '../../review/reviewTypes';
import { AttributeInput } from '../labeling/AttributeInput';
import { annotatorColor } from './AnnotatorOverlayLayer';

interface Props {
  /** The user's keymap (the editor's), so the table shows rebound keys. */
  keymap: Readonly<Record<string, readonly string[]>>;
  session: ReviewSession;
  review: ReviewSnapshot;
  schema: LabelSchema;
  onRedraw: (index: number) => void;
  /** Runs a decision and shows its ReviewError instead of throwing. */
  act: (run: () => void) => void;
}

function choiceText(review: ReviewSnapshot, index: number): string {
  const decision = review.draft.decisions[index]!;
  const { choice } = decision;
  switch (choice.kind) {
    case 'undecided':
      return 'open';
    case 'annotator':
      return `annotator ${letterOf(review.annotators.indexOf(choice.annotator))}`;
    case 'merged':
      return 'merged';
    case 'drawn':
      return decision.added ? 'added' : 'redrawn';
    case 'drop':
      return 'dropped';
  }
}

/** Annotators (toggle), objects (pick), and the current object's choices, class, attributes and reason. */
export function ReviewSidePanel({ keymap, session, review, schema, onRedraw, act }: Props) {
  const index = review.current;
  const object = index >= 0 ? review.objects[index] : undefined;
  const final = index >= 0 ? session.finalShape(index) : null;
  const cls = final ? schema.classes.find((c) => c.name === final.className) : undefined;
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
        <h3>Objects</h3>
        {review.draft.decisions.map((decision, i) => (
          <button
            key={i}
            className={`btn ghost${i === index ? ' active' : ''}`}
            data-testid="review-object"
            data-index={i}
            data-choice={decision.choice.kind}
            data-current={i === index ? 'true' : 'false'}
            onClick={() => session.select(i)}
          >
            {i + 1}. {review.objects[i]?.accepted ? '★ ' : ''}
            {session.finalShape(i)?.className ?? review.objects[i]?.merged.className ?? '—'} · {choiceText(review, i)} · {REASON_LABELS[session.reason(i)]}
          </button>
        ))}
      </section>
      {index >= 0 && (
        <section data-testid="review-current">
          <h3>Object {index + 1}</h3>
          <div className="row" style={{ flexWrap: 'wrap' }}>
            {review.annotators.map((annotator, position) => {
              const drew = object?.members.some((m) => m.annotator === annotator) ?? false;
              return (
                <button key={annotator} className="btn" data-testid="take-annotator" data-annotator={annotator} disabled={!drew} onClick={() => act(() => session.takeAnnotator(index, annotator))}>
                  {letterOf(position)}
                </button>
              );
            })}
            <button className="btn" data-testid="take-merged" disabled={!object} onClick={() => act(() => session.takeMerged(index))}>
              Merged (M)
            </button>
            <button className="btn" data-testid="redraw-object" onClick={() => onRedraw(index)}>
              Redraw (R)
            </button>
            <button className="btn" data-testid="drop-object" onClick={() => act(() => session.drop(index))}>
              Drop (X)
            </button>
          </div>
          <label className="row">
            Class
            <select data-testid="review-class-select" disabled={!final} value={final?.className ?? ''} onChange={(e) => act(() => session.setClass(index, e.target.value))}>
              {final && !cls && <option value={final.className}>{final.className}</option>}
              {schema.classes.map((c) => (
                <option key={c.id} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          {final &&
            cls?.attributes.map((spec) => (
              <label key={spec.id} className="row">
                {spec.name}
                <AttributeInput spec={spec} value={final.attributes?.[spec.name]} onChange={(value) => act(() => session.setAttribute(index, spec.name, value))} />
              </label>
            ))}
          <label className="row">
            Reason
            <select data-testid="reason-select" value={session.reason(index)} onChange={(e) => act(() => session.setReason(index, e.target.value as VerdictReason))}>
              {REASON_KEYS.map((reason, key) => (
                <option key={reason} value={reason}>
                  {key} · {REASON_LABELS[reason]}
                </option>
              ))}
            </select>
          </label>
        </section>
      )}
      <section>
        <h3>Keys</h3>
        <table className="table">
          <tbody>
            {reviewKeyHelp(keymap).map(([keys, what]) => (
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
