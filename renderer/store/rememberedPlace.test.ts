import { describe, expect, it } from 'vitest';
import { readCamera, readItem, readView, writeCamera, writeItem, writeView, type SettingsStore } from './rememberedPlace';

function memoryStore(initial: Record<string, unknown> = {}): SettingsStore & { rows: Map<string, unknown> } {
  const rows = new Map(Object.entries(initial));
  return {
    rows,
    getSetting: async <T>(key: string) => rows.get(key) as T | undefined,
    setSetting: async (key, value) => void rows.set(key, value),
  };
}

describe('rememberedPlace', () => {
  it('reads back what it wrote', async () => {
    const store = memoryStore();
    await writeView(store, { name: 'label', projectId: 'p1' });
    await writeItem(store, 'p1', { itemId: 'i1', frame: 42 });
    await writeCamera(store, 'i1', { x: -12.5, y: 3, zoom: 2.25 });
    expect(await readView(store)).toEqual({ name: 'label', projectId: 'p1' });
    expect(await readItem(store, 'p1')).toEqual({ itemId: 'i1', frame: 42 });
    expect(await readItem(store, 'other')).toBeNull();
    expect(await readCamera(store, 'i1')).toEqual({ x: -12.5, y: 3, zoom: 2.25 });
  });

  it('treats malformed rows as nothing remembered', async () => {
    const store = memoryStore({
      'place:view': { name: 'label' },
      'place:item:p1': { itemId: 'i1', frame: -3 },
      'place:item:p2': 'i2',
      'place:camera:i1': { x: 1, y: Number.NaN, zoom: 1 },
      'place:camera:i2': { x: 1, y: 1, zoom: 0 },
    });
    expect(await readView(store)).toBeNull();
    expect(await readItem(store, 'p1')).toEqual({ itemId: 'i1' });
    expect(await readItem(store, 'p2')).toBeNull();
    expect(await readCamera(store, 'i1')).toBeNull();
    expect(await readCamera(store, 'i2')).toBeNull();
  });
});
