import type { LabelDataset } from '../../../core/formats';
import type { ImportPreview, MappedView } from '../../labelImport/runImport';
import { plural } from '../words/plural';

/** What Import would write with this choice: the mapping onto the schema as it is, or as it would be with the additions. */
export function viewToImport(preview: ImportPreview, addToSchema: boolean): MappedView {
  return addToSchema && preview.asIfAdded ? preview.asIfAdded : preview;
}

/** Every class the file's boxes use with its box count, in order of first use. */
export function classCounts(dataset: LabelDataset): [string, number][] {
  const counts = new Map<string, number>();
  for (const image of dataset.images) for (const box of image.boxes) counts.set(box.className, (counts.get(box.className) ?? 0) + 1);
  return [...counts];
}

/** "1 class and 2 attributes" (the parts that are there). */
export function additionsText(classes: number, attributes: number): string {
  return [classes > 0 ? plural(classes, 'class', 'classes') : '', attributes > 0 ? plural(attributes, 'attribute') : ''].filter(Boolean).join(' and ');
}
