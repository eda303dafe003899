import { useState } from 'react';
import { toJsonl } from '../../../core/prelabel/corrections';
import type { Project } from '../../../core/model/project';
import { useHost } from '../../platform/HostContext';
import { useStore } from '../StoreContext';
import { exportFolderName } from '../labeling/exportFolderName';
import { deliverExport, deliveryText } from '../labeling/deliverExport';
import { plural } from '../words/plural';

type State = { phase: 'idle' | 'working' } | { phase: 'done'; dir: string; lines: number; delivery: string } | { phase: 'failed'; error: string };

/** Writes corrections.jsonl (prediction vs. final label per item, core/prelabel/corrections.ts) into a new export folder. */
export function ExportCorrections({ project }: { project: Project }) {
  const host = useHost();
  const store = useStore();
  const [state, setState] = useState<State>({ phase: 'idle' });
  async function run() {
    setState({ phase: 'working' });
    try {
      const lines = await store.prelabel.corrections(project.id);
      if (lines.length === 0) throw new Error('no item of this project has been pre-labeled yet');
      const written = await host.media.writeExport({ name: exportFolderName(project.name, 'corrections', new Date()), files: [{ path: 'corrections.jsonl', content: toJsonl(lines) }] });
      // Written on the host first, so a failed hand-over (a cancelled save dialog) still leaves the file there.
      const delivery = await deliverExport(host, written.name).then(
        (d) => deliveryText(d, written.name),
        (e: unknown) => `Could not hand it over as a zip: ${e instanceof Error ? e.message : String(e)}`,
      );
      setState({ phase: 'done', dir: written.dir, lines: lines.length, delivery });
    } catch (e) {
      setState({ phase: 'failed', error: e instanceof Error ? e.message : String(e) });
    }
  }
  return (
    <>
      <button className="btn" data-testid="export-corrections-button" disabled={state.phase === 'working'} onClick={() => void run()} title="Prediction vs. final label per item, as JSON Lines, for fine-tuning">
        Export corrections (JSONL)
      </button>
      {state.phase === 'done' && (
        <div className="ok-box" data-testid="export-corrections-result">
          {plural(state.lines, 'item')} → <code>{state.dir}/corrections.jsonl</code>. {state.delivery}
        </div>
      )}
      {state.phase === 'failed' && <div className="error-box">Export failed: {state.error}</div>}
    </>
  );
}
