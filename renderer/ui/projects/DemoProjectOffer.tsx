import { useState } from 'react';
import { useHost } from '../../platform/HostContext';
import { useStore } from '../StoreContext';
import { createProjectFromReport } from '../../intake/createProjectFromReport';
import { IntakeProgress } from '../newProject/IntakeProgress';
import { demoSchema } from '../newProject/quickSchema';
import { useFolderScan } from '../newProject/useFolderScan';

/** First run: one click makes the demo folder, scans it and opens a labeled-ready project. */
export function DemoProjectOffer({ onCreated }: { onCreated: (projectId: string) => void }) {
  const host = useHost();
  const store = useStore();
  const { state, scan } = useFolderScan();
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setError(null);
    try {
      const { path } = await host.media.createDemoFolder({});
      const scanned = await scan(path);
      if (!scanned) return;
      const id = await createProjectFromReport(store, { name: 'Demo project', ...scanned, kind: 'image', labelSchema: demoSchema(), skipDuplicates: true });
      onCreated(id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <div className="card stack">
      <h2>New here?</h2>
      <p className="hint">Open a small demo project with three classes and start drawing boxes right away. Press N to draw, F/D to move between images, F1 for all keys.</p>
      <div>
        <button className="btn primary" data-testid="demo-project-button" onClick={() => void start()} disabled={state.phase === 'scanning'}>
          Open the demo project
        </button>
      </div>
      {state.phase === 'scanning' && <IntakeProgress job={state.job} />}
      {state.phase === 'failed' && <div className="error-box">{state.error}</div>}
      {error && <div className="error-box">{error}</div>}
    </div>
  );
}
