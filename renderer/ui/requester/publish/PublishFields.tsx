import type { HubInfo } from '../../../../electron/common/services/hubService';
import type { PublishImage } from '../../../requester/publishDraft';
import type { TermsProblem } from '../../../requester/publishDraft';
import type { TokenUnits } from './usePublishSetup';

/** What the user types; amounts in token units ("0.5"), converted to wei on submit. */
export interface PublishValues {
  hubUrl: string;
  title: string;
  instructions: string;
  examples: string[];
  redundancy: string;
  reward: string;
  reviewerFee: string;
  level: string;
  deadline: string;
  useHoneypots: boolean;
  republish: boolean;
}

interface Props {
  values: PublishValues;
  onChange: (patch: Partial<PublishValues>) => void;
  hubs: HubInfo[];
  images: PublishImage[];
  labeledCount: number;
  units: TokenUnits | null;
  problems: TermsProblem[];
  disabled: boolean;
  mediaUrl: (relPath: string) => string;
}

/** The task's terms: hub, title, instructions and examples, redundancy, reward and reviewer fee, level, deadline, honeypots. */
export function PublishFields({ values, onChange, hubs, images, labeledCount, units, problems, disabled, mediaUrl }: Props) {
  const invalid = (field: TermsProblem['field']) => (problems.some((p) => p.field === field) ? ' invalid' : '');
  const unit = units?.symbol ?? 'tokens';
  const toggleExample = (relPath: string, on: boolean) => onChange({ examples: on ? [...values.examples, relPath] : values.examples.filter((p) => p !== relPath) });
  return (
    <fieldset className="stack" disabled={disabled} style={{ border: 'none', padding: 0, margin: 0 }}>
      <label className="field">
        <span>Hub</span>
        <select className="select" data-testid="publish-hub" value={values.hubUrl} onChange={(e) => onChange({ hubUrl: e.target.value })}>
          {hubs.map((h) => (
            <option key={h.hubUrl} value={h.hubUrl}>
              {h.hubUrl}
              {h.local ? ' (local network)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Title</span>
        <input className={`input${invalid('title')}`} data-testid="publish-title" value={values.title} maxLength={200} onChange={(e) => onChange({ title: e.target.value })} />
      </label>
      <label className="field">
        <span>Instructions for annotators (markdown, shown before their first item)</span>
        <textarea className={`input${invalid('instructions')}`} rows={5} data-testid="publish-instructions" value={values.instructions} onChange={(e) => onChange({ instructions: e.target.value })} />
      </label>
      <div className="field">
        <span>
          Example images shown with the instructions ({values.examples.length} chosen{invalid('examples') ? ', at most 20' : ''})
        </span>
        <div className="stack" style={{ gap: 2, maxHeight: 160, overflow: 'auto' }} data-testid="publish-examples">
          {images.map((image) => (
            <label key={image.relPath} className="row" style={{ gap: 6 }}>
              <input
                type="checkbox"
                data-testid="publish-example"
                data-file-name={image.relPath}
                checked={values.examples.includes(image.relPath)}
                onChange={(e) => toggleExample(image.relPath, e.target.checked)}
              />
              <img src={mediaUrl(image.relPath)} alt="" loading="lazy" style={{ width: 40, height: 30, objectFit: 'cover' }} />
              <span className="hint">{image.relPath}</span>
            </label>
          ))}
        </div>
      </div>
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <label className="field">
          <span>Redundancy k (annotators per item)</span>
          <input className={`input${invalid('redundancy')}`} data-testid="publish-redundancy" inputMode="numeric" value={values.redundancy} onChange={(e) => onChange({ redundancy: e.target.value })} />
        </label>
        <label className="field">
          <span>Reward per item and annotator ({unit})</span>
          <input className={`input${invalid('reward')}`} data-testid="publish-reward" inputMode="decimal" placeholder="e.g. 0.5" value={values.reward} onChange={(e) => onChange({ reward: e.target.value })} />
        </label>
        <label className="field">
          <span>Reviewer fee per disputed item ({unit})</span>
          <input className={`input${invalid('reviewerFee')}`} data-testid="publish-reviewer-fee" inputMode="decimal" value={values.reviewerFee} onChange={(e) => onChange({ reviewerFee: e.target.value })} />
        </label>
      </div>
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <label className="field">
          <span>Level (tiers that may take it)</span>
          <input className={`input${invalid('level')}`} data-testid="publish-level" inputMode="numeric" value={values.level} onChange={(e) => onChange({ level: e.target.value })} />
        </label>
        <label className="field grow">
          <span>Deadline (optional; no new items after it)</span>
          <input className={`input${invalid('deadline')}`} type="datetime-local" data-testid="publish-deadline" value={values.deadline} onChange={(e) => onChange({ deadline: e.target.value })} />
        </label>
      </div>
      <div className="stack" style={{ gap: 2 }}>
        <label className="row" style={{ gap: 6 }}>
          <input type="checkbox" data-testid="publish-honeypots" checked={values.useHoneypots} disabled={labeledCount === 0} onChange={(e) => onChange({ useHoneypots: e.target.checked })} />
          <span>Use my labeled items as honeypots ({labeledCount})</span>
        </label>
        <span className="hint">Items you marked done: their boxes are the known answers annotators are checked against. The hub never shows which items they are.</span>
      </div>
      {units?.error && <div className="hint">Amounts cannot be converted: the token of this hub could not be read ({units.error}).</div>}
    </fieldset>
  );
}
