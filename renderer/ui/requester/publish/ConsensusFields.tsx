import { CONSENSUS_FIELDS, type ConsensusKey, type ConsensusProblem } from '../../../requester/consensusTerms';

interface Props {
  values: Record<ConsensusKey, string>;
  defaults: Record<ConsensusKey, string>;
  problems: ConsensusProblem[];
  onChange: (key: ConsensusKey, value: string) => void;
  disabled: boolean;
}

/** "Agreement thresholds" of a video task: each threshold with its default and what it means; a blank field takes the default. */
export function ConsensusFields({ values, defaults, problems, onChange, disabled }: Props) {
  const problemOf = (key: ConsensusKey) => problems.find((p) => p.key === key)?.message;
  return (
    <fieldset className="stack" disabled={disabled} data-testid="publish-consensus" style={{ border: '1px solid var(--border, #444)', borderRadius: 4, padding: 8, margin: 0 }}>
      <legend>Agreement thresholds (video)</legend>
      <span className="hint">When k annotators have labeled a video, their tracks, frame tags and shots are compared; below these thresholds the item goes to a reviewer. Blank: the default.</span>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 6 }}>
        {CONSENSUS_FIELDS.map(({ key, label, help }) => (
          <label key={key} className="field" title={help}>
            <span>
              {label} <span className="hint">(default {defaults[key]})</span>
            </span>
            <input
              className={`input${problemOf(key) ? ' invalid' : ''}`}
              data-testid={`publish-consensus-${key}`}
              inputMode="decimal"
              value={values[key]}
              placeholder={defaults[key]}
              onChange={(e) => onChange(key, e.target.value)}
            />
          </label>
        ))}
      </div>
    </fieldset>
  );
}
