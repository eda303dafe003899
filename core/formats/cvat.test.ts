import { describe, expect, it } from 'vitest';
import { cvatFormat } from './cvat';
import type { FormatFile, ImportContext } from './types';
import { expectFormatError } from './testKit';

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

  it('skips shapes other than boxes', () => {
    const polygon = '    <polygon label="car" points="1,1;5,5;1,5" occluded="0"/>\n';
    const ds = cvatFormat.importDataset([cvatXml(image('a.jpg', polygon + box('bike', [1, 1, 2, 2])))], context).dataset;
    expect(ds.images[0]!.boxes.map((b) => b.className)).toEqual(['bike']);
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

  it('reports an unknown image, a missing coordinate, non-numeric and negative boxes', () => {
    expectFormatError(run([cvatXml(image('zebra.jpg', ''))]), 'annotations.xml', "image 'zebra.jpg'", /unknown image "zebra\.jpg"/);
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
