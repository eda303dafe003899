import type { OutboxRecord } from '../../store/syncRecords';
import { refusalsOf } from '../../sync/refusalHistory';
import { refusalMeaning } from '../../sync/refusals';

const short = (hex: string) => (hex.length > 14 ? `${hex.slice(0, 8)}…${hex.slice(-4)}` : hex);

/**
 * The signatures the hub refused before this record was signed again: which
 * signature, when, the code and the hub's reason. The current refusal of a
 * rejected record is shown by OutboxRefusal, so only the earlier ones here.
 */
export function OutboxHistory({ record }: { record: OutboxRecord }) {
  const all = refusalsOf(record);
  const earlier = record.state === 'rejected' ? all.slice(0, -1) : all;
  if (earlier.length === 0) return null;
  return (
    <details data-testid="outbox-history" data-count={earlier.length}>
      <summary className="stat">
        signed again after {earlier.length} refusal{earlier.length === 1 ? '' : 's'}
      </summary>
      <ul className="stat">
        {earlier.map((r, i) => (
          <li key={i} data-testid="outbox-history-entry" data-code={r.code} data-nonce={r.signed?.nonce ?? ''}>
            {new Date(r.at).toLocaleString()}: {refusalMeaning(r.code).words} ({r.code}: {r.reason})
            {r.signed && (
              <>
                {' '}
                — signature <code>{short(r.signed.signature)}</code>, nonce <code>{short(r.signed.nonce)}</code>, valid until {new Date(r.signed.deadline * 1000).toLocaleDateString()}, {r.attempts} upload{r.attempts === 1 ? '' : 's'}
              </>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
