import { useState } from 'react';
import { useHost } from '../../platform/HostContext';
import type { OutboxRecord } from '../../store/syncRecords';
import { batchPayloadOf } from '../../sync/outbox';
import { refusalsOf } from '../../sync/refusalHistory';
import { verdictPayloadOf } from '../../sync/verdictRecords';
import { errorText } from './errorText';
import { plural } from '../words/plural';
import { deliverExport, deliveryText } from '../labeling/deliverExport';

function labelCount(record: OutboxRecord): string {
  if (record.kind === 'verdict') return `${verdictPayloadOf(record).shapes.length} final labels`;
  const { items } = batchPayloadOf(record);
  return `${plural(items.length, 'item')}, ${plural(items.reduce((n, i) => n + i.shapes.length, 0), 'label')}`;
}

/** writeExport's folder names are [\w.-]. */
const folderName = (record: OutboxRecord, at: Date) => `outbox-${record.kind}-${record.id}-${at.toISOString().replace(/[:]/g, '-').replace(/\..*$/, '')}`.replace(/[^\w.-]+/g, '-');

/**
 * The labels a refused record carries, written out as they are in the outbox
 * (core's canonical form, with the refusals): a refusal never takes them away
 * from the user, whether or not they can be signed again.
 */
export function OutboxLabels({ record }: { record: OutboxRecord }) {
  const host = useHost();
  const [state, setState] = useState<{ phase: 'idle' | 'working' } | { phase: 'done'; path: string; delivery: string } | { phase: 'failed'; error: string }>({ phase: 'idle' });

  async function exportLabels() {
    setState({ phase: 'working' });
    try {
      const content = JSON.stringify({ kind: record.kind, hubUrl: record.hubUrl, taskId: record.taskId, payload: record.payload, refusals: refusalsOf(record) }, null, 2);
      const written = await host.media.writeExport({ name: folderName(record, new Date()), files: [{ path: `${record.kind}.json`, content }] });
      const path = written.paths[0] ?? written.dir;
      // Written on the host first, so a failed hand-over (a cancelled save dialog) still leaves the file there.
      const delivery = await deliverExport(host, written.name).then(
        (d) => deliveryText(d, written.name),
        (e: unknown) => `Could not hand it over as a zip: ${errorText(e)}`,
      );
      setState({ phase: 'done', path, delivery });
    } catch (e) {
      setState({ phase: 'failed', error: errorText(e) });
    }
  }

  return (
    <div className="row">
      <span className="stat">{labelCount(record)} kept</span>
      <button className="btn ghost" data-testid="outbox-labels-export" disabled={state.phase === 'working'} onClick={() => void exportLabels()}>
        Export labels (JSON)
      </button>
      {state.phase === 'done' && (
        <>
          <code className="stat" data-testid="outbox-labels-exported">
            {state.path}
          </code>
          <span className="stat" data-testid="outbox-labels-delivery">
            {state.delivery}
          </span>
        </>
      )}
      {state.phase === 'failed' && <span className="field-error">{state.error}</span>}
    </div>
  );
}
