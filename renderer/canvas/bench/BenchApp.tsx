import { useEffect, useState, useSyncExternalStore } from 'react';
import { createEditor } from '../../editor/createEditor';
import type { Editor } from '../../editor/editor';
import { MemoryCommitter } from '../../editor/testing/memoryCommitter';
import { LabelCanvas } from '../LabelCanvas';
import { countDraw, replacedRebuildMs, runScenario } from './benchDriver';
import type { Scenario, ScenarioResult } from './benchResult';
import { benchItem, benchSchema, syntheticImage, syntheticShapes } from './syntheticScene';

declare global {
  interface Window {
    __canvasBench?: { run(scenario: Scenario, durationMs: number): Promise<ScenarioResult>; replacedRebuildMs(): number };
  }
}

/** Mounts the real LabelCanvas over a real editor and history (MemoryCommitter) with N synthetic boxes, and exposes the runs to the bench driver. */
export function BenchApp({ boxCount }: { boxCount: number }) {
  const [setup, setSetup] = useState<{ editor: Editor; image: HTMLImageElement } | null>(null);
  useEffect(() => {
    const shapes = syntheticShapes(boxCount);
    void syntheticImage().then((image) => {
      const editor = createEditor({ committer: new MemoryCommitter(shapes), labelSchema: benchSchema, author: 'bench' });
      editor.loadItem(benchItem);
      window.__canvasBench = { run: (scenario, ms) => runScenario(editor, scenario, ms), replacedRebuildMs: () => replacedRebuildMs(shapes) };
      setSetup({ editor, image });
    });
  }, [boxCount]);
  return setup ? <BenchCanvas editor={setup.editor} image={setup.image} /> : null;
}

function BenchCanvas({ editor, image }: { editor: Editor; image: HTMLImageElement }) {
  const snapshot = useSyncExternalStore(editor.subscribe, editor.getSnapshot);
  return (
    <div style={{ position: 'fixed', inset: 0, display: 'flex' }}>
      <LabelCanvas snapshot={snapshot} imageUrl={null} image={image} input={editor} onStaticDraw={countDraw} />
    </div>
  );
}
