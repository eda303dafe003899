import { useCallback, useEffect, useRef, useState } from 'react';
import type { Item } from '../../../core/model/item';
import type { Project } from '../../../core/model/project';
import { createEditor, type Editor } from '../../editor/createEditor';
import type { AppAction } from '../../editor/types';
import { loadKeymap, overridesOf } from '../../editor/keymap';
import type { Keymap } from '../../editor/keys/registry';
import type { ItemDocument } from '../../store/itemDocument';
import type { LabelStore } from '../../store/labelStore';
import { useStore } from '../StoreContext';

export const LOCAL_AUTHOR = 'local';
/** The user's rebindings of every mode (labeling, video, review): only what differs from the defaults. */
export const KEYBINDINGS_SETTING = 'keybindings';
/** Earlier versions saved labeling rebindings here; read when nothing newer was saved (same command ids). */
const LEGACY_KEYMAP_SETTING = 'keymap';

/** The saved keymap; rebindings that cannot be applied are named in `problems` (the help overlay shows them), never dropped from the setting. */
export async function loadSavedKeymap(store: LabelStore): Promise<{ keymap: Keymap; problems: string[] }> {
  const [saved, legacy] = await Promise.all([store.getSetting(KEYBINDINGS_SETTING), store.getSetting(LEGACY_KEYMAP_SETTING)]);
  return loadKeymap(saved, legacy);
}

export async function saveKeymap(store: LabelStore, keymap: Keymap): Promise<void> {
  await store.setSetting(KEYBINDINGS_SETTING, overridesOf(keymap));
}

export interface EditorSession {
  editor: Editor | null;
  /** Opens an item's document and shows it; later calls win over slower earlier ones. */
  openItem(item: Item): Promise<void>;
  error: string | null;
  /** The open item's document: the save indicator watches its writes. */
  document: ItemDocument | null;
}

/**
 * One editor per labeling session, switched between item documents. The
 * previous document is closed (it flushes its writes) after the next one is
 * shown, so moving on never waits for IndexedDB.
 */
export function useEditorSession(project: Project, onAppAction: (action: AppAction) => void): EditorSession {
  const store = useStore();
  const [editor, setEditor] = useState<Editor | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [document, setDocument] = useState<ItemDocument | null>(null);
  const editorRef = useRef<Editor | null>(null);
  const docRef = useRef<ItemDocument | null>(null);
  const requestRef = useRef(0);
  const actionRef = useRef(onAppAction);
  actionRef.current = onAppAction;
  const schemaRef = useRef(project.labelSchema);
  schemaRef.current = project.labelSchema;

  const openItem = useCallback(
    async (item: Item) => {
      const request = ++requestRef.current;
      try {
        const [doc, { keymap }] = await Promise.all([store.openItem(item.id), loadSavedKeymap(store)]);
        if (request !== requestRef.current) return;
        const previous = docRef.current;
        docRef.current = doc;
        let ed = editorRef.current;
        if (!ed) {
          ed = createEditor({ committer: doc, labelSchema: schemaRef.current, keymap, author: LOCAL_AUTHOR, onAppAction: (a) => actionRef.current(a) });
          editorRef.current = ed;
          setEditor(ed);
        }
        ed.loadItem(doc.item, doc);
        setDocument(doc);
        if (previous && previous !== doc) void previous.close();
        setError(null);
      } catch (e) {
        if (request === requestRef.current) setError(`Could not open ${item.relPath}: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    [store],
  );

  useEffect(() => {
    editorRef.current?.setLabelSchema(project.labelSchema);
  }, [project.labelSchema]);

  useEffect(
    () => () => {
      editorRef.current?.dispose();
      void docRef.current?.close();
    },
    [],
  );

  return { editor, openItem, error, document };
}
