import { useState } from 'react';
import { toJsonl } from '../../../core/prelabel/corrections';
import type { Project } from '../../../core/model/project';
import { useHost } from '../../platform/HostContext';
import { useStore } from '../StoreContext';
import { exportFolderName } from '../labeling/exportFolderName';

type State = { phase: 'idle' | 'working' } | { phase: 'done'; dir: string; lines: number } | { phase: 'failed'; error: string };

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
      setState({ phase: 'done', dir: written.dir, lines: lines.length });
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
          {state.lines} item{state.lines === 1 ? '' : 's'} → <code>{state.dir}/corrections.jsonl</code>
        </div>
      )}
      {state.phase === 'failed' && <div className="error-box">Export failed: {state.error}</div>}
    </>
  );
}
