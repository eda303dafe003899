import { describe, expect, it } from 'vitest';
import { videoFormats } from './index';
import { expectSameVideoLabels, richVideoDataset, videoContextOf } from './testKit';
import type { VideoDataset } from './types';

/** MOT has no column for occluded: its round trip is of a dataset that carries visibility only. */
function withoutOccluded(ds: VideoDataset): VideoDataset {
  const strip = <T extends { attributes?: Record<string, unknown> }>(x: T): T => {
    const { occluded: _occluded, ...rest } = x.attributes ?? {};
    const { attributes: _attributes, ...bare } = x;
    return (Object.keys(rest).length > 0 ? { ...bare, attributes: rest } : bare) as T;
  };
  return { ...ds, tracks: ds.tracks.map((t) => ({ ...t, keyframes: t.keyframes.map(strip) })), shapes: ds.shapes.map(strip) };
}

describe('video round trips with flags, frame tags and segments', () => {
  it.each([
    ['cvat-video', richVideoDataset()],
    ['coco-video', richVideoDataset()],
    ['mot', withoutOccluded(richVideoDataset())],
  ] as const)('%s gives back tracks, keyframe flags, plain-box flags, frame tags and segments', (id, original) => {
    const { dataset, warnings } = videoFormats[id].importDataset(videoFormats[id].exportDataset(original), videoContextOf(original));
    expectSameVideoLabels(dataset, original);
    expect(warnings.counts).toEqual({});
  });

  it('writes the tags file beside MOT and COCO, and only the segments beside CVAT (its XML has the tags)', () => {
    const paths = (id: keyof typeof videoFormats) => videoFormats[id].exportDataset(richVideoDataset()).map((f) => f.path);
    expect(paths('mot')).toEqual(['gt/gt.txt', 'gt/labels.txt', 'gt/tags.json']);
    expect(paths('coco-video')).toEqual(['annotations.json', 'tags.json']);
    expect(paths('cvat-video')).toEqual(['annotations.xml', 'tags.json']);
    const cvat = videoFormats['cvat-video'].exportDataset(richVideoDataset());
    expect(JSON.parse(cvat[1]!.content).frameTags).toEqual([]);
    expect(cvat[0]!.content.match(/<tag frame="\d+" label="night" source="manual"\/>/g)).toHaveLength(10 + 50);
    expect(cvat[0]!.content).toContain('<tag frame="5" label="rain" source="manual"/>');
  });

  it('writes flags back: occluded and attribute children in CVAT, attributes in COCO, visibility in MOT', () => {
    const ds = richVideoDataset();
    const cvat = videoFormats['cvat-video'].exportDataset(ds)[0]!.content;
    expect(cvat).toContain('<box frame="10" keyframe="1" outside="0" occluded="1" xtl="100.25" ytl="50.5" xbr="140.25" ybr="71.25" z_order="0">\n      <attribute name="visibility">0.5</attribute>\n    </box>');
    const coco = JSON.parse(videoFormats['coco-video'].exportDataset(ds)[0]!.content);
    expect(coco.annotations[0].attributes).toEqual({ occluded: true, visibility: 0.5, track_id: 1, keyframe: true });
    const mot = videoFormats.mot.exportDataset(ds)[0]!.content.split('\n');
    expect(mot.find((l) => l.startsWith('11,1,'))).toBe('11,1,100.25,50.50,40.00,20.75,1,1,0.5');
    expect(mot.find((l) => l.startsWith('41,1,'))).toBe('41,1,160.75,80.50,100.00,50.25,1,1,0.25');
    expect(mot.find((l) => l.startsWith('71,1,'))).toBe('71,1,300.00,200.00,30.50,30.50,1,1,1');
  });

  it('leaves the tags file out when there are neither frame tags nor segments', () => {
    const plain = { ...richVideoDataset(), frameTags: [], segments: [] };
    for (const format of Object.values(videoFormats)) expect(format.exportDataset(plain).some((f) => f.path.endsWith('tags.json'))).toBe(false);
  });
});
