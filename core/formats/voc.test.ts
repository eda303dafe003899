import { describe, expect, it } from 'vitest';
import type { FormatFile, ImportContext } from './types';
import { expectFormatError, fixture } from './testKit';
import { vocFormat } from './voc';

const context: ImportContext = {
  images: [
    { fileName: 'JPEGImages/a.jpg', width: 200, height: 100 },
    { fileName: 'JPEGImages/b.jpg', width: 200, height: 100 },
  ],
};

function vocXml(objects: string, header = '<filename>a.jpg</filename><size><width>200</width><height>100</height><depth>3</depth></size>'): string {
  return `<?xml version="1.0"?>\n<annotation>\n  ${header}\n${objects}</annotation>\n`;
}
function object(name: string, [xmin, ymin, xmax, ymax]: (number | string)[]): string {
  return `  <object>\n    <name>${name}</name>\n    <bndbox><xmin>${xmin}</xmin><ymin>${ymin}</ymin><xmax>${xmax}</xmax><ymax>${ymax}</ymax></bndbox>\n  </object>\n`;
}
const file = (content: string): FormatFile => ({ path: 'Annotations/a.xml', content });
const run = (files: FormatFile[]) => () => vocFormat.importDataset(files, context);

describe('Pascal VOC import', () => {
  it('reads corner boxes, resolves the image by <filename>, and takes classes in order of appearance without a labelmap', () => {
    const ds = vocFormat.importDataset([file(vocXml(object('dog', [10, 20, 30.5, 40]) + object('cat', [0, 0, 200, 100])))], context).dataset;
    expect(ds).toEqual({
      classes: ['dog', 'cat'],
      images: [
        {
          fileName: 'JPEGImages/a.jpg',
          width: 200,
          height: 100,
          boxes: [
            { className: 'dog', box: { x: 10, y: 20, w: 20.5, h: 20 } },
            { className: 'cat', box: { x: 0, y: 0, w: 200, h: 100 } },
          ],
        },
      ],
    });
  });

  it('uses labelmap.txt for class order and rejects classes it does not list', () => {
    const labelmap = { path: 'labelmap.txt', content: '# label:color_rgb:parts:actions\ncat:1,2,3::\ndog:::\nbird:::\n' };
    expect(vocFormat.importDataset([labelmap, file(vocXml(object('dog', [1, 1, 2, 2])))], context).dataset.classes).toEqual(['cat', 'dog', 'bird']);
    expectFormatError(
      run([labelmap, file(vocXml(object('dog', [1, 1, 2, 2]) + object('zebra', [1, 1, 2, 2])))]),
      'Annotations/a.xml',
      'object 2',
      /unknown class "zebra": labelmap\.txt lists cat, dog, bird/,
    );
  });

  it('reports bad XML syntax with its line', () => {
    expectFormatError(run([file('<annotation>\n<filename>a.jpg</filename>\n<object><name>cat</name></objec>\n</annotation>')]), 'Annotations/a.xml', 'line 3', /invalid XML/);
  });

  it('reports a file that is not VOC, and missing fields', () => {
    expectFormatError(run([file('<root/>')]), 'Annotations/a.xml', 'line 1', /root element <annotation> is missing/);
    expectFormatError(run([file(vocXml('', '<size/>'))]), 'Annotations/a.xml', 'filename', /missing <filename>/);
    expectFormatError(run([file(vocXml('  <object><name>cat</name></object>\n'))]), 'Annotations/a.xml', 'object 1', /missing <bndbox>/);
    expectFormatError(
      run([file(vocXml('  <object><name>cat</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax></bndbox></object>\n'))]),
      'Annotations/a.xml',
      'object 1, bndbox.ymax',
      /missing <ymax>/,
    );
  });

  it('skips a file for an image the project does not have, with a warning', () => {
    const result = vocFormat.importDataset([file(vocXml(object('cat', [1, 1, 2, 2]), '<filename>zebra.jpg</filename>'))], context);
    expect(result.dataset.images).toEqual([]);
    expect(result.warnings.examples).toEqual([
      { kind: 'unknown-media', file: 'Annotations/a.xml', location: 'filename', message: 'unknown image "zebra.jpg": no image of this project has that name; its labels were skipped' },
    ]);
  });

  it('reports non-numeric and negative-size boxes', () => {
    expectFormatError(run([file(vocXml(object('cat', [1, 'ten', 5, 5])))]), 'Annotations/a.xml', 'object 1, bndbox.ymin', /<ymin> "ten" is not a number/);
    expectFormatError(run([file(vocXml(object('cat', [1, 1, 5, 5]) + object('cat', [50, 1, 40, 5])))]), 'Annotations/a.xml', 'object 2', /negative box size/);
  });

  it('clamps a box partly outside the image and skips one wholly outside, with warnings', () => {
    const result = vocFormat.importDataset([file(vocXml(object('cat', [150, 50, 201, 100]) + object('cat', [210, 0, 250, 10])))], context);
    expect(result.dataset.images[0]!.boxes).toEqual([{ className: 'cat', box: { x: 150, y: 50, w: 50, h: 50 } }]);
    expect(result.warnings.counts).toEqual({ 'box-clamped': 1, 'box-outside': 1 });
    expect(result.warnings.examples[0]).toMatchObject({ file: 'Annotations/a.xml', location: 'object 1', message: expect.stringMatching(/outside image "JPEGImages\/a\.jpg" \(200×100\); clamped/) });
  });

  it('reports a size that disagrees with the image', () => {
    expectFormatError(run([file(vocXml('', '<filename>a.jpg</filename><size><width>100</width><height>50</height></size>'))]), 'Annotations/a.xml', 'size', /200×100 px/);
  });

  it('imports nothing when a later file is bad', () => {
    const good = file(vocXml(object('cat', [1, 1, 5, 5])));
    const bad: FormatFile = { path: 'Annotations/b.xml', content: vocXml(object('cat', [1, 1, 'wide', 5]), '<filename>b.jpg</filename>') };
    expectFormatError(run([good, bad]), 'Annotations/b.xml', 'object 1, bndbox.xmax', /"wide" is not a number/);
  });
});

describe('Pascal VOC export', () => {
  it('writes Annotations/<path>.xml per image and a labelmap', () => {
    const files = vocFormat.exportDataset({ classes: ['cat'], images: [{ fileName: 'sub/a.jpg', width: 10, height: 10, boxes: [] }] });
    expect(files.map((f) => f.path)).toEqual(['labelmap.txt', 'Annotations/sub/a.xml']);
    expect(files[1]!.content).toContain('<filename>a.jpg</filename>\n  <path>sub/a.jpg</path>');
  });

  it('refuses a class name the labelmap cannot hold', () => {
    expect(() => vocFormat.exportDataset({ classes: ['a:b'], images: [] })).toThrow(/"a:b" cannot be written to labelmap\.txt/);
  });
});

describe('Pascal VOC flags', () => {
  const voc2007: ImportContext = { images: [{ fileName: 'JPEGImages/000005.jpg', width: 500, height: 375 }] };

  it('keeps <truncated> and <difficult> as boolean attributes of the classes that use them', () => {
    const { dataset, warnings } = vocFormat.importDataset([fixture('voc-truncated-difficult.xml', 'Annotations/000005.xml')], voc2007);
    expect(dataset.images[0]!.boxes.map((b) => [b.className, b.attributes])).toEqual([
      ['chair', { truncated: false, difficult: false }],
      ['chair', { truncated: true, difficult: false }],
      ['chair', { truncated: false, difficult: true }],
      ['diningtable', { truncated: true, difficult: true }],
      // No person is truncated or difficult: no attributes nobody set.
      ['person', undefined],
    ]);
    expect(warnings.counts).toEqual({});
  });

  it('writes the flags back as 0/1 elements and reads them again', () => {
    const { dataset } = vocFormat.importDataset([fixture('voc-truncated-difficult.xml', 'Annotations/000005.xml')], voc2007);
    const files = vocFormat.exportDataset(dataset);
    const xml = files.find((f) => f.path.endsWith('.xml'))!.content;
    expect(xml).toContain('<name>diningtable</name>\n    <pose>Unspecified</pose>\n    <truncated>1</truncated>\n    <difficult>1</difficult>');
    expect(vocFormat.importDataset(files, voc2007).dataset).toEqual(dataset);
  });

  it("keeps the <attributes> of CVAT's VOC export as typed box attributes, writes them back, and counts each <part> it skips", () => {
    const street: ImportContext = { images: [{ fileName: 'street_001.jpg', width: 1280, height: 720 }] };
    const { dataset, warnings } = vocFormat.importDataset([fixture('voc-cvat-attributes-parts.xml', 'Annotations/street_001.xml')], street);
    expect(dataset.images[0]!.boxes).toEqual([
      { className: 'car', box: { x: 100.5, y: 200, w: 199.75, h: 150 }, attributes: { color: 'red', parked: true, doors: 4 } },
      { className: 'person', box: { x: 600, y: 300, w: 80, h: 200 } },
    ]);
    expect(warnings.counts).toEqual({ 'unsupported-shape': 2 });
    expect(warnings.examples.map((w) => [w.location, w.message])).toEqual([
      ['object 2, part 1', 'the <part> "head" of a "person" on image "street_001.jpg" skipped: parts of an object are not imported'],
      ['object 2, part 2', 'the <part> "hand" of a "person" on image "street_001.jpg" skipped: parts of an object are not imported'],
    ]);
    const files = vocFormat.exportDataset(dataset);
    expect(files[1]!.content).toContain('<attributes>\n      <attribute>\n        <name>color</name>\n        <value>red</value>');
    expect(vocFormat.importDataset(files, street).dataset).toEqual(dataset);
  });

  it('skips a box CVAT wrote with a rotation attribute other than a whole turn', () => {
    const rotated = '  <object><name>cat</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox><attributes><attribute><name>rotation</name><value>30.0</value></attribute></attributes></object>\n';
    const { dataset, warnings } = vocFormat.importDataset([file(vocXml(rotated))], context);
    expect(dataset.images[0]!.boxes).toEqual([]);
    expect(warnings.counts).toEqual({ 'unsupported-shape': 1 });
  });

  it('reads <occluded>, which CVAT and other tools write', () => {
    const occluded = '  <object><name>cat</name><occluded>1</occluded><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox></object>\n';
    const { dataset } = vocFormat.importDataset([file(vocXml(occluded))], context);
    expect(dataset.images[0]!.boxes[0]!.attributes).toEqual({ occluded: true });
    expect(vocFormat.exportDataset(dataset)[1]!.content).toContain('<occluded>1</occluded>');
  });
});
