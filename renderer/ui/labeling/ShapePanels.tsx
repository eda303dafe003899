import type { Editor } from '../../editor/createEditor';
import type { EditorSnapshot } from '../../editor/types';
import { PrelabelOrigin } from '../prelabel/PrelabelOrigin';
import { AttributesPanel } from './AttributesPanel';
import { ClassList } from './ClassList';

/** The classes and the selected box's attributes: the first panels of the right side, for images and video frames alike. */
export function ShapePanels({ editor, snapshot }: { editor: Editor; snapshot: EditorSnapshot }) {
  const selected = snapshot.selectedIds.length === 1 ? snapshot.shapeIndex.get(snapshot.selectedIds[0]!) : undefined;
  return (
    <>
      <section>
        <h3>Classes</h3>
        <ClassList schema={snapshot.labelSchema} activeClassId={snapshot.activeClassId} onActivate={(id) => editor.setActiveClass(id)} selectedCount={snapshot.selectedIds.length} onRelabel={(id) => editor.setClassOfSelected(id)} />
      </section>
      <section>
        <h3>Attributes</h3>
        <AttributesPanel editor={editor} snapshot={snapshot} />
        <PrelabelOrigin shape={selected} />
      </section>
    </>
  );
}
