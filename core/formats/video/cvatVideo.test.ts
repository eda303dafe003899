import { describe, expect, it } from 'vitest';
import { CVAT_VIDEO_FILE, cvatVideoFormat } from './cvatVideo';
import { expectFormatError, expectSameVideoLabels, sampleVideoDataset, videoContextOf } from './testKit';

const context = videoContextOf(sampleVideoDataset());

function xml(tracks: string, labels = '<label><name>car</name></label><label><name>person</name></label><label><name>bike</name></label>'): { path: string; content: string }[] {
  return [
    {
      path: 'annotations.xml',
      content: `<?xml version="1.0"?>\n<annotations>\n<version>1.1</version>\n<meta><task><labels>${labels}</labels></task></meta>\n${tracks}\n</annotations>\n`,
    },
  ];
}

describe('CVAT for video 1.1 export', () => {
  it('writes keyframes only, with outside flags, corner coordinates and the task meta', () => {
    const file = cvatVideoFormat.exportDataset(sampleVideoDataset())[0]!;
    expect(file.path).toBe(CVAT_VIDEO_FILE);
    expect(file.content).toContain('<mode>interpolation</mode>');
    expect(file.content).toContain('<stop_frame>99</stop_frame>');
    expect(file.content).toContain('<source>clips/street.mp4</source>');
    expect(file.content).toContain(
      '<track id="0" label="car" source="manual">\n    <box frame="10" keyframe="1" outside="0" occluded="0" xtl="100.25" ytl="50.5" xbr="140.25" ybr="71.25" z_order="0"/>',
    );
    expect(file.content).toContain('<box frame="60" keyframe="1" outside="1"');
    expect(file.content.match(/<box /g)).toHaveLength(6 + 3 + 2 + 2);
    // The plain box is a one-frame track closed on the next frame, as CVAT writes it.
    expect(file.content).toMatch(/<track id="3" label="bike" source="manual">\n {4}<box frame="50" [^\n]*outside="0"[^\n]*\n {4}<box frame="51" keyframe="1" outside="1"/);
  });

  it('is deterministic', () => {
    expect(cvatVideoFormat.exportDataset(sampleVideoDataset())).toEqual(cvatVideoFormat.exportDataset(sampleVideoDataset()));
  });
});

describe('CVAT for video 1.1 round trip', () => {
  it('gives back tracks with outside ranges, fractional coordinates and plain boxes', () => {
    const original = sampleVideoDataset();
    const back = cvatVideoFormat.importDataset(cvatVideoFormat.exportDataset(original), context).dataset;
    expectSameVideoLabels(back, original);
    expect(back.tracks.map((t) => t.keyframes)).toEqual(original.tracks.map((t) => t.keyframes));
  });

  it('reads CVAT’s own style: every frame written, interpolated ones keyframe="0", no meta labels', () => {
    const back = cvatVideoFormat.importDataset(
      xml(
        `<track id="4" label="truck">
          <box frame="0" keyframe="1" outside="0" occluded="0" xtl="0" ytl="0" xbr="10" ybr="10"/>
          <box frame="1" keyframe="0" outside="0" occluded="0" xtl="5" ytl="0" xbr="15" ybr="10"/>
          <box frame="2" keyframe="1" outside="0" occluded="1" xtl="10" ytl="0" xbr="20" ybr="10"/>
          <box frame="3" keyframe="1" outside="1" occluded="0" xtl="10" ytl="0" xbr="20" ybr="10"/>
        </track>`,
        '',
      ).map((f) => ({ ...f, content: f.content.replace('<labels></labels>', '') })),
      context,
    ).dataset;
    expect(back.classes).toEqual(['truck']);
    expect(back.tracks[0]!.keyframes.map((k) => [k.frame, k.outside, k.box.x])).toEqual([
      [0, false, 0],
      [2, false, 10],
      [3, true, 10],
    ]);
  });

  it('drops leading outside boxes and tracks that are never inside', () => {
    const back = cvatVideoFormat.importDataset(
      xml(`<track id="0" label="car"><box frame="0" outside="1" xtl="0" ytl="0" xbr="1" ybr="1"/><box frame="5" outside="0" xtl="0" ytl="0" xbr="1" ybr="1"/><box frame="9" outside="0" xtl="2" ytl="0" xbr="3" ybr="1"/></track>
           <track id="1" label="car"><box frame="3" outside="1" xtl="0" ytl="0" xbr="1" ybr="1"/></track>`),
      context,
    ).dataset;
    expect(back.tracks).toHaveLength(1);
    expect(back.tracks[0]!.keyframes.map((k) => k.frame)).toEqual([5, 9]);
  });
});

describe('CVAT for video 1.1 skipped keyframes', () => {
  const track = (middle: string) =>
    xml(`<track id="0" label="car">
      <box frame="0" outside="0" xtl="10" ytl="10" xbr="50" ybr="50"/>
      <box frame="10" outside="0" ${middle}/>
      <box frame="20" outside="0" xtl="30" ytl="10" xbr="70" ybr="50"/>
    </track>`);

  it('turns a keyframe wholly outside the frame into an outside keyframe, so the track is not bridged across it', () => {
    const result = cvatVideoFormat.importDataset(track('xtl="700" ytl="10" xbr="740" ybr="50"'), context);
    expect(result.dataset.tracks[0]!.keyframes.map((k) => [k.frame, k.outside, k.box.x])).toEqual([
      [0, false, 10],
      [10, true, 10],
      [20, false, 30],
    ]);
    expect(result.warnings.counts).toEqual({ 'box-outside': 1 });
  });

  it('does the same for a rotated keyframe', () => {
    const result = cvatVideoFormat.importDataset(track('rotation="30" xtl="20" ytl="10" xbr="60" ybr="50"'), context);
    expect(result.dataset.tracks[0]!.keyframes.map((k) => [k.frame, k.outside])).toEqual([
      [0, false],
      [10, true],
      [20, false],
    ]);
    expect(result.warnings.counts).toEqual({ 'unsupported-shape': 1 });
  });

  it('drops a skipped first keyframe like any leading outside box', () => {
    const result = cvatVideoFormat.importDataset(
      xml(`<track id="0" label="car"><box frame="5" outside="0" xtl="700" ytl="0" xbr="710" ybr="1"/><box frame="9" outside="0" xtl="2" ytl="0" xbr="3" ybr="1"/><box frame="12" outside="0" xtl="4" ytl="0" xbr="5" ybr="1"/></track>`),
      context,
    );
    expect(result.dataset.tracks[0]!.keyframes.map((k) => [k.frame, k.outside])).toEqual([
      [9, false],
      [12, false],
    ]);
  });
});

describe('CVAT for video 1.1 malformed input', () => {
  const box = (attrs: string) => xml(`<track id="7" label="car"><box frame="1" xtl="0" ytl="0" xbr="10" ybr="10"/><box ${attrs}/></track>`);

  it('names the line of broken XML', () => {
    expectFormatError(() => cvatVideoFormat.importDataset([{ path: 'annotations.xml', content: '<annotations>\n<track id="0">\n</annotations>' }], context), 'annotations.xml', 'line 3', /invalid XML/);
  });

  it('names the track and box of a bad number, a bad flag and an out-of-range frame', () => {
    expectFormatError(() => cvatVideoFormat.importDataset(box('frame="2" xtl="x1" ytl="0" xbr="1" ybr="1"'), context), 'annotations.xml', 'track 1 (id 7), box 2', /xtl "x1" is not a number/);
    expectFormatError(() => cvatVideoFormat.importDataset(box('frame="2" outside="yes" xtl="0" ytl="0" xbr="1" ybr="1"'), context), 'annotations.xml', 'track 1 (id 7), box 2', /outside="yes" must be 0 or 1/);
    expectFormatError(() => cvatVideoFormat.importDataset(box('frame="100" xtl="0" ytl="0" xbr="1" ybr="1"'), context), 'annotations.xml', 'track 1 (id 7), box 2', /frame 100 is outside the video "clips\/street.mp4" \(100 frames\)/);
    expectFormatError(() => cvatVideoFormat.importDataset(box('frame="1" xtl="0" ytl="0" xbr="1" ybr="1"'), context), 'annotations.xml', 'track 1 (id 7), box 2', /two boxes on frame 1/);
  });

  it('names a label the file does not declare', () => {
    expectFormatError(() => cvatVideoFormat.importDataset(xml('<track id="0" label="plane"><box frame="1" xtl="0" ytl="0" xbr="1" ybr="1"/></track>'), context), 'annotations.xml', 'track 1 (id 0)', /unknown label "plane": the file declares car, person, bike/);
  });

  it('rejects a file made for a video of another size', () => {
    const files = cvatVideoFormat.exportDataset({ ...sampleVideoDataset(), video: { ...sampleVideoDataset().video, width: 1280 } });
    expectFormatError(() => cvatVideoFormat.importDataset(files, context), 'annotations.xml', 'meta original_size', /is 640×480 px, but the file says 1280×480/);
  });
});
