import { describe, expect, it } from 'vitest';
import { labelStudioFormat } from './labelStudio';
import type { AnnotationChoice, FormatFile, ImportContext } from './types';
import { expectFormatError, fixture } from './testKit';

const context: ImportContext = { images: [{ fileName: 'photos/a.jpg', width: 200, height: 100 }, { fileName: 'b.jpg', width: 200, height: 100 }] };

const rect = (label: string, x: unknown, y: unknown, width: unknown, height: unknown, extra: object = {}) => ({
  type: 'rectanglelabels',
  from_name: 'label',
  to_name: 'image',
  original_width: 200,
  original_height: 100,
  value: { x, y, width, height, rotation: 0, rectanglelabels: [label] },
  ...extra,
});
const tasksFile = (tasks: unknown): FormatFile => ({ path: 'export.json', content: JSON.stringify(tasks, null, 2) });
const run = (tasks: unknown) => () => labelStudioFormat.importDataset([tasksFile(tasks)], context);

describe('Label Studio import', () => {
  it('reads percent rectangles, resolves local-file and upload names, and skips other result types', () => {
    const ds = labelStudioFormat.importDataset(
      [
        tasksFile([
          { data: { image: '/data/local-files/?d=photos%2Fa.jpg' }, annotations: [{ result: [rect('cat', 10, 20, 50, 50), { type: 'choices', value: { choices: ['x'] } }] }] },
          { data: { image: '/data/upload/3/1a2b3c4d-b.jpg' }, annotations: [{ result: [rect('dog', 0, 0, 100, 100)] }] },
        ]),
      ],
      context,
    ).dataset;
    expect(ds).toEqual({
      classes: ['cat', 'dog'],
      images: [
        { fileName: 'b.jpg', width: 200, height: 100, boxes: [{ className: 'dog', box: { x: 0, y: 0, w: 200, h: 100 } }] },
        { fileName: 'photos/a.jpg', width: 200, height: 100, boxes: [{ className: 'cat', box: { x: 20, y: 20, w: 100, h: 50 } }] },
      ],
    });
  });

  it('reads predictions with their score when a task has no annotation', () => {
    const ds = labelStudioFormat.importDataset([tasksFile([{ data: { image: 'b.jpg' }, predictions: [{ score: 0.75, result: [rect('cat', 10, 10, 10, 10)] }] }])], context).dataset;
    expect(ds.images[0]!.boxes).toEqual([{ className: 'cat', box: { x: 20, y: 10, w: 20, h: 10 }, score: 0.75 }]);
  });

  it('reports bad JSON with its line', () => {
    expectFormatError(() => labelStudioFormat.importDataset([{ path: 'export.json', content: '[\n  {"data": {"image": "b.jpg"}},\n  {"data": }\n]' }], context), 'export.json', 'line 3', /invalid JSON/);
  });

  it('reports missing fields and non-numeric values by JSON path', () => {
    expectFormatError(run({ data: {} }), 'export.json', '(root)', /expected array/);
    expectFormatError(run([{ data: { image: 'b.jpg' } }, { data: {} }]), 'export.json', '[1].data.image', /expected string/);
    expectFormatError(run([{ data: { image: 'b.jpg' }, annotations: [{ result: [rect('cat', 1, '2', 3, 4)] }] }]), 'export.json', '[0].annotations[0].result[0].value.y', /expected number/);
  });

  it('skips the task of an image the project does not have, with a warning', () => {
    const result = labelStudioFormat.importDataset([tasksFile([{ data: { image: 'http://host/zebra.jpg' }, annotations: [{ result: [rect('cat', 1, 1, 1, 1)] }] }])], context);
    expect(result.dataset.images).toEqual([]);
    expect(result.warnings.examples[0]).toMatchObject({ kind: 'unknown-media', location: '[0].data.image', message: expect.stringMatching(/unknown image "zebra\.jpg"/) });
  });

  it('reports negative sizes and a wrong original size', () => {
    const task = (r: object) => [{ data: { image: 'b.jpg' }, annotations: [{ result: [rect('cat', 1, 1, 1, 1), r] }] }];
    expectFormatError(run(task(rect('cat', 50, 10, -5, 10))), 'export.json', '[0].annotations[0].result[1].value', /negative box size/);
    expectFormatError(run(task(rect('cat', 10, 10, 10, 10, { original_width: 400 }))), 'export.json', '[0].annotations[0].result[1]', /200×100 px, but the file says 400×100/);
  });

  it('clamps a box partly outside the image, and skips rotated rectangles and other region types with warnings', () => {
    const rotated = rect('cat', 10, 10, 10, 10);
    rotated.value.rotation = 30;
    const polygon = { type: 'polygonlabels', from_name: 'poly', to_name: 'image', value: { points: [[1, 1], [5, 5], [1, 5]], polygonlabels: ['cat'] } };
    const result = labelStudioFormat.importDataset([tasksFile([{ data: { image: 'b.jpg' }, annotations: [{ result: [rect('cat', 90, 10, 11, 10), rotated, polygon] }] }])], context);
    expect(result.dataset.images[0]!.boxes).toEqual([{ className: 'cat', box: { x: 180, y: 10, w: 20, h: 10 } }]);
    expect(result.warnings.counts).toEqual({ 'box-clamped': 1, 'unsupported-shape': 2 });
    expect(result.warnings.examples.map((w) => w.location)).toEqual(['[0].annotations[0].result[0].value', '[0].annotations[0].result[1].value.rotation', '[0].annotations[0].result[2]']);
    expect(result.warnings.examples[2]!.message).toMatch(/polygonlabels result on image "b\.jpg" skipped/);
  });

  it('keeps the first of several rectangle labels and says which were left out', () => {
    const twoLabels = rect('car', 10, 10, 10, 10);
    twoLabels.value.rectanglelabels = ['car', 'red', 'parked'];
    const result = labelStudioFormat.importDataset([tasksFile([{ data: { image: 'b.jpg' }, annotations: [{ result: [twoLabels] }] }])], context);
    expect(result.dataset.classes).toEqual(['car']);
    expect(result.dataset.images[0]!.boxes).toEqual([{ className: 'car', box: { x: 20, y: 10, w: 20, h: 10 } }]);
    expect(result.warnings.counts).toEqual({ 'value-changed': 1 });
    expect(result.warnings.examples[0]!.location).toBe('[0].annotations[0].result[0].value.rectanglelabels');
    expect(result.warnings.examples[0]!.message).toBe('a rectangle on image "b.jpg" labelled "car" and "red", "parked": imported as "car", "red", "parked" left out');
  });

  it('counts the predictions it does not read: all of them when the task has annotations, the ones after the first otherwise', () => {
    const prediction = (label: string) => ({ result: [rect(label, 10, 10, 10, 10)], score: 0.9 });
    const result = labelStudioFormat.importDataset(
      [
        tasksFile([
          { data: { image: 'b.jpg' }, annotations: [{ result: [rect('cat', 0, 0, 10, 10)] }], predictions: [prediction('dog'), prediction('dog')] },
          { data: { image: 'photos/a.jpg' }, predictions: [prediction('cat'), prediction('dog'), prediction('dog')] },
        ]),
      ],
      context,
    );
    expect(result.dataset.images.flatMap((i) => i.boxes.map((b) => b.className))).toEqual(['cat', 'cat']);
    expect(result.warnings.counts).toEqual({ 'annotation-not-chosen': 4 });
    expect(result.warnings.examples.map((w) => w.location)).toEqual(['[0].predictions[0]', '[0].predictions[1]', '[1].predictions[1]', '[1].predictions[2]']);
  });

  it('reads a rectangle turned by a whole turn (rotation 360) upright, as the shared rotation rule says', () => {
    const turned = rect('cat', 10, 10, 10, 10);
    turned.value.rotation = 360;
    const result = labelStudioFormat.importDataset([tasksFile([{ data: { image: 'b.jpg' }, annotations: [{ result: [turned] }] }])], context);
    expect(result.dataset.images[0]!.boxes).toEqual([{ className: 'cat', box: { x: 20, y: 10, w: 20, h: 10 } }]);
    expect(result.warnings.counts).toEqual({});
  });
});

describe('Label Studio tasks with several annotations', () => {
  const street: ImportContext = { images: [{ fileName: 'street.jpg', width: 1280, height: 720 }] };
  const exported = fixture('labelstudio-two-annotators.json', 'project-3.json');
  const importWith = (choice: AnnotationChoice) => labelStudioFormat.importDataset([exported], street, { annotations: choice });
  const car = { className: 'car', box: { x: 128, y: 144, w: 320, h: 216 } };
  const person = { className: 'person', box: { x: 640, y: 360, w: 128, h: 144 } };

  it('lists the annotators by user id so the user can pick one', () => {
    expect(importWith({ kind: 'latest' }).annotators).toEqual(['user 1', 'user 2']);
  });

  it('takes the latest annotation by updated_at by default, and says which it left out', () => {
    const result = labelStudioFormat.importDataset([exported], street);
    expect(result.dataset.images[0]!.boxes).toEqual([person]);
    expect(result.warnings.counts).toEqual({ 'annotation-not-chosen': 2, 'unsupported-shape': 1 });
    expect(result.warnings.examples[0]).toMatchObject({ kind: 'annotation-not-chosen', location: '[0].annotations[0]', message: expect.stringMatching(/later annotation .* by user 1/) });
    expect(result.warnings.examples[1]).toMatchObject({ kind: 'annotation-not-chosen', location: '[0].predictions[0]', message: expect.stringMatching(/the task has annotations/) });
    expect(result.warnings.examples[2]).toMatchObject({ kind: 'unsupported-shape', location: '[0].annotations[1].result[1]' });
  });

  it("takes one annotator's annotation", () => {
    const result = importWith({ kind: 'annotator', annotator: 'user 1' });
    expect(result.dataset.images[0]!.boxes).toEqual([car]);
    expect(result.warnings.examples[0]!.message).toMatch(/it is by user 2, not user 1/);
  });

  it('takes all annotations together, and never the prediction of an annotated task', () => {
    const result = importWith({ kind: 'all' });
    expect(result.dataset.images[0]!.boxes).toEqual([car, person]);
    expect(result.dataset.classes).toEqual(['car', 'person']);
    expect(result.warnings.counts['annotation-not-chosen']).toBe(1); // the prediction, counted, not read
    expect(result.warnings.examples.find((w) => w.kind === 'annotation-not-chosen')!.location).toBe('[0].predictions[0]');
  });

  it('skips cancelled annotations with a warning, whatever the choice', () => {
    const tasks = JSON.parse(exported.content) as { annotations: { was_cancelled: boolean }[] }[];
    tasks[0]!.annotations[1]!.was_cancelled = true;
    const result = labelStudioFormat.importDataset([tasksFile(tasks)], street, { annotations: { kind: 'all' } });
    expect(result.dataset.images[0]!.boxes).toEqual([car]);
    expect(result.warnings.examples[0]).toMatchObject({ kind: 'annotation-not-chosen', message: expect.stringMatching(/cancelled/) });
  });

  it('names annotators by email when the export expands completed_by', () => {
    const task = { data: { image: 'b.jpg' }, annotations: [{ completed_by: { id: 4, email: 'ana@example.com' }, result: [rect('cat', 10, 10, 10, 10)] }] };
    expect(labelStudioFormat.importDataset([tasksFile([task])], context).annotators).toEqual(['ana@example.com']);
  });
});
