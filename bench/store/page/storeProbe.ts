import { openLabelStore } from '../../../renderer/store/labelStore';
import type { LabelSchema } from '../../../core/model/labelSchema';
import type { Shape } from '../../../core/model/shape';
import { summarize } from '../stats';
import { nextFrame, page } from './dom';
import { syntheticShapes } from './syntheticShapes';

const SCHEMA: LabelSchema = {
  classes: [
    { id: 'car', name: 'car', color: '#e6194b', attributes: [] },
    { id: 'person', name: 'person', color: '#3cb44b', attributes: [] },
    { id: 'bike', name: 'bike', color: '#4363d8', attributes: [] },
  ],
};

export interface SeedResult {
  dbName: string;
  projectId: string;
  shapes: number;
  seedMs: number;
}

/** A project of `items` 1920x1080 items with `perItem` boxes each, written through the real LabelStore. */
export async function seedProject(items: number, perItem: number): Promise<SeedResult> {
  const dbName = `bench-store-${Date.now()}`;
  const store = await openLabelStore({ name: dbName });
  const t = performance.now();
  const project = await store.createProject('bench', 'root', '/bench', SCHEMA);
  const rows = Array.from({ length: items }, (_, i) => ({ relPath: `img${i}.jpg`, width: 1920, height: 1080, sha256: i.toString(16).padStart(64, '0'), phash: i.toString(16).padStart(16, '0'), bytes: 1 }));
  const added = await store.addItems(project.id, rows);
  const shapes: Shape[] = added.flatMap((item) => syntheticShapes(project.id, item.id, perItem, SCHEMA.classes.map((c) => c.id)));
  await store.importShapes(project.id, shapes);
  const seedMs = performance.now() - t;
  await store.close();
  return { dbName, projectId: project.id, shapes: shapes.length, seedMs };
}

/** Commit → durable for one-shape moves through ItemDocument, one after another. */
export async function measureEdits(dbName: string, projectId: string, edits: number): Promise<{ p50: number; p95: number; max: number; n: number }> {
  const store = await openLabelStore({ name: dbName });
  const [first] = await store.listItems(projectId);
  if (!first) throw new Error('bench: project has no items');
  const doc = await store.openItem(first.id);
  const times: number[] = [];
  for (let i = 0; i < edits; i++) {
    const shapes = doc.getShapes();
    const s = shapes[i % shapes.length]!;
    const t = performance.now();
    doc.commit({ put: [{ ...s, box: { ...s.box, x: (s.box.x + 1) % 1800 }, version: s.version + 1 }], remove: [] }, { history: true, label: 'Move box' });
    await doc.whenDurable();
    times.push(performance.now() - t);
  }
  await store.close();
  return summarize(times);
}

export interface OpenTimings {
  /** ms since navigation start, each step's end. */
  moduleStart: number;
  storeOpen: number;
  projectList: number;
  itemList: number;
  shapesLoaded: number;
  drawn: number;
  nextFrame: number;
  items: number;
  shapes: number;
}

/** Fresh page → projects → items → first item's shapes → drawn → next frame. Times are ms since navigation start. */
export async function openProjectAndRender(dbName: string, moduleStart: number): Promise<OpenTimings> {
  const store = await openLabelStore({ name: dbName });
  const storeOpen = performance.now();
  const [project] = await store.listProjects();
  if (!project) throw new Error('bench: no project');
  const projectList = performance.now();
  const items = await store.listItems(project.id);
  const itemList = performance.now();
  const doc = await store.openItem(items[0]!.id);
  const shapes = doc.getShapes();
  const shapesLoaded = performance.now();
  draw(shapes, project.labelSchema, items[0]!.width, items[0]!.height);
  const drawn = performance.now();
  await nextFrame();
  const frame = performance.now();
  await store.close();
  return { moduleStart, storeOpen, projectList, itemList, shapesLoaded, drawn, nextFrame: frame, items: items.length, shapes: shapes.length };
}

function draw(shapes: readonly Shape[], schema: LabelSchema, width: number, height: number): void {
  const canvas = page.document.getElementById('view');
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) throw new Error('bench: no canvas');
  const zoom = Math.min(canvas.width / width, canvas.height / height);
  ctx.fillStyle = '#222';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.lineWidth = 1;
  for (const cls of schema.classes) {
    ctx.strokeStyle = cls.color;
    ctx.beginPath();
    for (const s of shapes) if (s.classId === cls.id) ctx.rect(s.box.x * zoom, s.box.y * zoom, s.box.w * zoom, s.box.h * zoom);
    ctx.stroke();
  }
}
