import { describe, expect, it } from 'vitest';
import { cvatFormat } from './cvat';
import type { FormatFile, ImportContext } from './types';
import { expectFormatError, fixture } from './testKit';

const context: ImportContext = { images: [{ fileName: 'a.jpg', width: 200, height: 100 }, { fileName: 'b.jpg', width: 200, height: 100 }] };

const META = `  <meta><task><labels>
    <label><name>car</name><attributes>
      <attribute><name>parked</name><input_type>checkbox</input_type></attribute>
      <attribute><name>doors</name><input_type>number</input_type></attribute>
      <attribute><name>colour</name><input_type>select</input_type></attribute>
    </attributes></label>
    <label><name>bike</name></label>
  </labels></task></meta>
`;
function cvatXml(images: string, meta = META): FormatFile {
  return { path: 'annotations.xml', content: `<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n  <version>1.1</version>\n${meta}${images}</annotations>\n` };
}
const box = (label: string, [xtl, ytl, xbr, ybr]: (number | string)[], inner = '') =>
  `    <box label="${label}" occluded="0" xtl="${xtl}" ytl="${ytl}" xbr="${xbr}" ybr="${ybr}">${inner}</box>\n`;
const image = (name: string, boxes: string) => `  <image id="0" name="${name}" width="200" height="100">\n${boxes}  </image>\n`;
const run = (files: FormatFile[]) => () => cvatFormat.importDataset(files, context);

describe('CVAT for images import', () => {
  it('reads boxes with attributes typed by their declaration, and classes from <meta>', () => {
    const attrs = '<attribute name="parked">true</attribute><attribute name="doors">4</attribute><attribute name="colour">42</attribute>';
    const ds = cvatFormat.importDataset([cvatXml(image('a.jpg', box('car', [1, 2, 11.5, 22], attrs)) + image('b.jpg', ''))], context).dataset;
    expect(ds).toEqual({
      classes: ['car', 'bike'],
      images: [
        { fileName: 'a.jpg', width: 200, height: 100, boxes: [{ className: 'car', box: { x: 1, y: 2, w: 10.5, h: 20 }, attributes: { parked: true, doors: 4, colour: '42' } }] },
        { fileName: 'b.jpg', width: 200, height: 100, boxes: [] },
      ],
    });
  });

  it('skips shapes other than boxes and rotated boxes, one warning each', () => {
    const polygon = '    <polygon label="car" points="1,1;5,5;1,5" occluded="0"/>\n';
    const rotated = '    <box label="car" occluded="0" xtl="1" ytl="1" xbr="5" ybr="5" rotation="30.0"/>\n';
    const result = cvatFormat.importDataset([cvatXml(image('a.jpg', polygon + polygon + rotated + box('bike', [1, 1, 2, 2])))], context);
    expect(result.dataset.images[0]!.boxes.map((b) => b.className)).toEqual(['bike']);
    expect(result.warnings.counts).toEqual({ 'unsupported-shape': 3 });
    expect(result.warnings.examples.map((w) => w.message)).toEqual([
      "<polygon> on image 'a.jpg' skipped: only boxes are imported",
      "<polygon> on image 'a.jpg' skipped: only boxes are imported",
      'a box rotated by 30° cannot be held upright: skipped',
    ]);
  });

  it('reads a box turned by a whole turn (rotation="360.0") upright, as the shared rotation rule says', () => {
    const turned = '    <box label="car" occluded="0" xtl="1" ytl="1" xbr="5" ybr="5" rotation="360.0"/>\n';
    const result = cvatFormat.importDataset([cvatXml(image('a.jpg', turned))], context);
    expect(result.dataset.images[0]!.boxes).toEqual([{ className: 'car', box: { x: 1, y: 1, w: 4, h: 4 } }]);
    expect(result.warnings.counts).toEqual({});
  });

  it('reports bad XML syntax with its line', () => {
    const files = cvatXml(image('a.jpg', '    <box label="car" xtl="1" ytl="1" xbr="2" ybr="2">\n'));
    expectFormatError(run([files]), 'annotations.xml', 'line 14', /invalid XML/);
  });

  it('reports a file that is not CVAT', () => {
    expectFormatError(run([{ path: 'annotations.xml', content: '<annotation/>' }]), 'annotations.xml', 'line 1', /root element <annotations> is missing/);
  });

  it('reports a label the file does not declare', () => {
    expectFormatError(run([cvatXml(image('a.jpg', box('car', [1, 1, 2, 2]) + box('truck', [1, 1, 2, 2])))]), 'annotations.xml', "image 'a.jpg', box 2", /unknown label "truck": the file declares car, bike/);
  });

  it('skips an unknown image with a warning; reports a missing coordinate, non-numeric and negative boxes', () => {
    expect(cvatFormat.importDataset([cvatXml(image('zebra.jpg', box('car', [1, 1, 2, 2])))], context).warnings.counts).toEqual({ 'unknown-media': 1 });
    expectFormatError(run([cvatXml(image('a.jpg', '    <box label="car" xtl="1" ytl="1" xbr="2"/>\n'))]), 'annotations.xml', "image 'a.jpg', box 1", /missing ybr/);
    expectFormatError(run([cvatXml(image('a.jpg', box('car', [1, 1, '2px', 2])))]), 'annotations.xml', "image 'a.jpg', box 1", /xbr "2px" is not a number/);
    expectFormatError(run([cvatXml(image('a.jpg', box('car', [10, 1, 5, 2])))]), 'annotations.xml', "image 'a.jpg', box 1", /negative box size/);
  });

  it('clamps a box partly outside the image and skips one wholly outside, with warnings', () => {
    const result = cvatFormat.importDataset([cvatXml(image('b.jpg', box('car', [1, 1, 2, 101]) + box('car', [201, 1, 210, 2])))], context);
    expect(result.dataset.images[0]!.boxes).toEqual([{ className: 'car', box: { x: 1, y: 1, w: 1, h: 99 } }]);
    expect(result.warnings.counts).toEqual({ 'box-clamped': 1, 'box-outside': 1 });
    expect(result.warnings.examples[1]).toMatchObject({ location: "image 'b.jpg', box 2", message: expect.stringMatching(/wholly outside image "b\.jpg"/) });
  });

  it('reports an attribute value that does not fit its declared type', () => {
    const bad = box('car', [1, 1, 2, 2], '<attribute name="doors">many</attribute>');
    expectFormatError(run([cvatXml(image('a.jpg', bad))]), 'annotations.xml', "image 'a.jpg', box 1", /attribute "doors" is a number, but its value is "many"/);
    const notBool = box('car', [1, 1, 2, 2], '<attribute name="parked">yes</attribute>');
    expectFormatError(run([cvatXml(image('a.jpg', notBool))]), 'annotations.xml', "image 'a.jpg', box 1", /checkbox/);
  });

  it('takes classes in order of appearance when there is no <meta>', () => {
    const ds = cvatFormat.importDataset([cvatXml(image('a.jpg', box('truck', [1, 1, 2, 2]) + box('car', [1, 1, 2, 2])), '')], context).dataset;
    expect(ds.classes).toEqual(['truck', 'car']);
  });
});

describe('CVAT for images export', () => {
  it('escapes names and declares attributes by the type of their values', () => {
    const [file] = cvatFormat.exportDataset({
      classes: ['a&b "c"'],
      images: [{ fileName: 'x<1>.jpg', width: 10, height: 10, boxes: [{ className: 'a&b "c"', box: { x: 1, y: 1, w: 2, h: 2 }, attributes: { n: 3, note: 'x & y' } }] }],
    });
    expect(file!.content).toContain('<name>a&amp;b "c"</name>');
    expect(file!.content).toContain('<image id="0" name="x&lt;1&gt;.jpg" width="10" height="10">');
    expect(file!.content).toContain('<box label="a&amp;b &quot;c&quot;" source="manual" occluded="0" xtl="1" ytl="1" xbr="3" ybr="3" z_order="0">');
    expect(file!.content).toContain('<input_type>number</input_type>\n              <default_value>3</default_value>\n              <values>3;3;1</values>');
    const back = cvatFormat.importDataset([file!], { images: [{ fileName: 'x<1>.jpg', width: 10, height: 10 }] }).dataset;
    expect(back.images[0]!.boxes[0]).toEqual({ className: 'a&b "c"', box: { x: 1, y: 1, w: 2, h: 2 }, attributes: { n: 3, note: 'x & y' } });
  });
});

describe('CVAT for images files as CVAT writes them', () => {
  const street: ImportContext = { images: [{ fileName: 'street_001.jpg', width: 1280, height: 720 }, { fileName: 'street_002.jpg', width: 1280, height: 720 }] };

  it('keeps occluded="1" as the occluded flag, and warns about the polygon, the points and the frame filter', () => {
    const result = cvatFormat.importDataset([fixture('cvat-images-shapes.xml', 'annotations.xml')], street);
    expect(result.dataset.images[0]!.boxes).toEqual([
      { className: 'car', box: { x: 100.5, y: 200, w: 300.25, h: 150 }, attributes: { occluded: true, parked: true } },
      { className: 'car', box: { x: 700, y: 300, w: 200, h: 120 }, attributes: { occluded: false, parked: false } },
    ]);
    // No person is occluded, so person boxes get no occluded attribute.
    expect(result.dataset.images[1]!.boxes).toEqual([{ className: 'person', box: { x: 10, y: 20, w: 30, h: 60 } }]);
    expect(result.warnings.counts).toEqual({ 'ignored-setting': 1, 'unsupported-shape': 2 });
    expect(result.warnings.examples.map((w) => [w.location, w.message])).toEqual([
      ['meta frame_filter', 'frame_filter "step=2" ignored: images are matched by name, not by frame number'],
      ["image 'street_001.jpg', polygon 1", "<polygon> on image 'street_001.jpg' skipped: only boxes are imported"],
      ["image 'street_001.jpg', points 1", "<points> on image 'street_001.jpg' skipped: only boxes are imported"],
    ]);
  });

  it('writes occluded back as the <box> attribute, not as an <attribute> child, and reads it again', () => {
    const { dataset } = cvatFormat.importDataset([fixture('cvat-images-shapes.xml', 'annotations.xml')], street);
    const [file] = cvatFormat.exportDataset(dataset);
    expect(file!.content).toContain('<box label="car" source="manual" occluded="1" xtl="100.5" ytl="200" xbr="400.75" ybr="350" z_order="0">');
    expect(file!.content).not.toContain('name="occluded"');
    expect(file!.content).not.toContain('<name>occluded</name>');
    expect(cvatFormat.importDataset([file!], street).dataset).toEqual(dataset);
  });

  it('reads an ASCII file whose non-ASCII names are character references (Python ElementTree writes them)', () => {
    const result = cvatFormat.importDataset([fixture('cvat-ascii.xml', 'annotations.xml')], { images: [{ fileName: 'cat.jpg', width: 200, height: 100 }] });
    expect(result.dataset.classes).toEqual(['Кот']);
    expect(result.dataset.images[0]!.boxes[0]!.className).toBe('Кот');
  });

  it('refuses a CVAT for video file and says which importer to use', () => {
    const video = '<?xml version="1.0"?>\n<annotations><version>1.1</version><meta><task><mode>interpolation</mode></task></meta><track id="0" label="car"><box frame="0" xtl="1" ytl="1" xbr="2" ybr="2" outside="0" occluded="0" keyframe="1"/></track></annotations>\n';
    expectFormatError(run([{ path: 'annotations.xml', content: video }]), 'annotations.xml', '', /CVAT for video file .* Video labels/);
  });
});
