/**
 * Where the annotator was, kept in the settings table so a reload (browser
 * host or Electron: both keep IndexedDB) returns there: the open view, per
 * project the last item (and frame of a video), per item the camera. Saved
 * values are checked on read; anything malformed reads as "nothing
 * remembered", so a bad row can only cost the place, never the app.
 */
export type RememberedView = { name: 'projects' } | { name: 'network' } | { name: 'label'; projectId: string } | { name: 'schema'; projectId: string };

export interface RememberedItem {
  itemId: string;
  /** The video frame shown; absent for images. */
  frame?: number;
}

/** An item's zoom and pan, as the editor's camera holds them (screen = image × zoom + (x, y)); the store does not import the editor. */
export interface RememberedCamera {
  x: number;
  y: number;
  zoom: number;
}

/** The part of the label store this needs (tests pass a map). */
export interface SettingsStore {
  getSetting<T = unknown>(key: string): Promise<T | undefined>;
  setSetting(key: string, value: unknown): Promise<void>;
}

const VIEW_KEY = 'place:view';
const itemKey = (projectId: string) => `place:item:${projectId}`;
const cameraKey = (itemId: string) => `place:camera:${itemId}`;

export async function readView(store: SettingsStore): Promise<RememberedView | null> {
  return asView(await store.getSetting(VIEW_KEY));
}

export function writeView(store: SettingsStore, view: RememberedView): Promise<void> {
  return store.setSetting(VIEW_KEY, view);
}

export async function readItem(store: SettingsStore, projectId: string): Promise<RememberedItem | null> {
  return asItem(await store.getSetting(itemKey(projectId)));
}

export function writeItem(store: SettingsStore, projectId: string, item: RememberedItem): Promise<void> {
  return store.setSetting(itemKey(projectId), item);
}

export async function readCamera(store: SettingsStore, itemId: string): Promise<RememberedCamera | null> {
  return asCamera(await store.getSetting(cameraKey(itemId)));
}

export function writeCamera(store: SettingsStore, itemId: string, camera: RememberedCamera): Promise<void> {
  return store.setSetting(cameraKey(itemId), { x: camera.x, y: camera.y, zoom: camera.zoom });
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null;
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function asView(v: unknown): RememberedView | null {
  if (!isObject(v)) return null;
  if (v.name === 'projects' || v.name === 'network') return { name: v.name };
  if ((v.name === 'label' || v.name === 'schema') && isId(v.projectId)) return { name: v.name, projectId: v.projectId };
  return null;
}

function asItem(v: unknown): RememberedItem | null {
  if (!isObject(v) || !isId(v.itemId)) return null;
  return Number.isInteger(v.frame) && (v.frame as number) >= 0 ? { itemId: v.itemId, frame: v.frame as number } : { itemId: v.itemId };
}

function asCamera(v: unknown): RememberedCamera | null {
  if (!isObject(v)) return null;
  const { x, y, zoom } = v;
  if (![x, y, zoom].every((n) => typeof n === 'number' && Number.isFinite(n)) || (zoom as number) <= 0) return null;
  return { x: x as number, y: y as number, zoom: zoom as number };
}
