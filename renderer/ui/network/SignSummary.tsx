import { LongValue } from './LongValue';

/** One line of what will be signed; every value wraps, and `long` ones (roots, addresses, hashes) are clamped to two lines with "Show in full" and "Copy". */
export interface SignRow {
  label: string;
  value: string;
  testId?: string;
  long?: boolean;
}

/**
 * The table of every "what will be signed" dialog. Fixed layout with wrapping
 * long values, so nothing the wallet signs is cut off by or overflows the
 * dialog, whatever the window's width.
 */
export function SignSummary({ rows, testId }: { rows: SignRow[]; testId: string }) {
  return (
    <table className="table" data-testid={testId} style={{ tableLayout: 'fixed' }}>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th style={{ width: '28%' }}>{row.label}</th>
            <td className={row.long ? undefined : 'stat'} style={{ overflowWrap: 'anywhere' }}>{row.long ? <LongValue value={row.value} testId={row.testId} /> : <span data-testid={row.testId}>{row.value}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
