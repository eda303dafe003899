import { describe, expect, it } from 'vitest';
import { FormatError } from '../formatError';
import { COCO_VIDEO_FILE, cocoVideoFormat, frameFileName } from './cocoVideo';
import { expectFormatError, expectSameVideoLabels, sampleVideoDataset, videoContextOf } from './testKit';

const context = videoContextOf(sampleVideoDataset());

function coco(patch: Record<string, unknown>): { path: string; content: string }[] {
  const base = {
    images: [{ id: 1, file_name: 'clips/street/frame_000003.jpg', width: 640, height: 480, frame_id: 3 }],
    annotations: [{ image_id: 1, category_id: 1, bbox: [1, 2, 3, 4], attributes: { track_id: 1, keyframe: true } }],
    categories: [{ id: 1, name: 'car' }],
    ...patch,
  };
  return [{ path: 'out/annotations.json', content: JSON.stringify(base, null, 2) }];
}

describe('COCO per frame export', () => {
  it('writes one image per labelled frame and one annotation per visible box, with track ids and keyframe flags', () => {
    const parsed = JSON.parse(cocoVideoFormat.exportDataset(sampleVideoDataset())[0]!.content);
    const frames = parsed.images.map((i: { frame_id: number }) => i.frame_id);
    expect(frames[0]).toBe(0);
    expect(frames).toContain(50);
    expect(frames).not.toContain(7); // nothing visible between the person's end (6) and the car's start (10)
    expect(parsed.images[0]).toEqual({ id: 1, file_name: 'clips/street/frame_000000.jpg', width: 640, height: 480, frame_id: 0, video_id: 1 });
    const first = parsed.annotations[0];
    expect(first).toMatchObject({ id: 1, category_id: 1, bbox: [100.25, 50.5, 40, 20.75], attributes: { track_id: 1, keyframe: true } });
    expect(parsed.images.find((i: { id: number }) => i.id === first.image_id).frame_id).toBe(10);
    expect(parsed.annotations[1].attributes).toEqual({ occluded: false, track_id: 1, keyframe: false });
    const plain = parsed.annotations[parsed.annotations.length - 1];
    expect(plain.attributes).toEqual({ occluded: false });
    // Car frames 10–59 and 70–89, person frames 0–5, the last car on 95–99, one plain box.
    expect(parsed.annotations).toHaveLength(50 + 20 + 6 + 5 + 1);
    expect(cocoVideoFormat.exportDataset(sampleVideoDataset())[0]!.path).toBe(COCO_VIDEO_FILE);
  });

  it('names frames after the video', () => {
    expect(frameFileName('a/b.mp4', 12)).toBe('a/b/frame_000012.jpg');
  });
});

describe('COCO per frame round trip', () => {
  it('gives back tracks with outside ranges, fractional coordinates and plain boxes', () => {
    const original = sampleVideoDataset();
    expectSameVideoLabels(cocoVideoFormat.importDataset(cocoVideoFormat.exportDataset(original), context).dataset, original);
  });

  it('without keyframe flags or frame_id, rebuilds keyframes from the boxes and frames from file names', () => {
    const parsed = JSON.parse(cocoVideoFormat.exportDataset(sampleVideoDataset())[0]!.content);
    for (const image of parsed.images) delete image.frame_id;
    for (const a of parsed.annotations) delete a.attributes.keyframe;
    const back = cocoVideoFormat.importDataset([{ path: 'annotations.json', content: JSON.stringify(parsed) }], context).dataset;
    expectSameVideoLabels(back, sampleVideoDataset());
  });
});

describe('COCO per frame skipped rows', () => {
  it('leaves a frame whose box lies wholly outside as a gap: the track goes outside there instead of being bridged', () => {
    const frames = [1, 2, 3];
    const images = frames.map((f) => ({ id: f, file_name: frameFileName('clips/street.mp4', f), width: 640, height: 480, frame_id: f }));
    const annotations = frames.map((f) => ({ image_id: f, category_id: 1, bbox: [f === 2 ? 700 : 10 * f, 0, 10, 10], attributes: { track_id: 1 } }));
    const result = cocoVideoFormat.importDataset(coco({ images, annotations }), context);
    expect(result.dataset.tracks[0]!.keyframes.map((k) => [k.frame, k.outside])).toEqual([
      [1, false],
      [2, true],
      [3, false],
      [4, true],
    ]);
    expect(result.warnings.counts).toEqual({ 'box-outside': 1 });
  });
});

describe('COCO per frame malformed input', () => {
  it('lists up to 20 bad annotations, one by one, and counts them all', () => {
    const annotations = Array.from({ length: 25 }, (_, i) => ({ image_id: 1, category_id: 1, bbox: [1, 2, 3, `w${i}`] }));
    let error: unknown;
    try {
      cocoVideoFormat.importDataset(coco({ annotations }), context);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormatError);
    const { problems, problemCount } = error as FormatError;
    expect(problemCount).toBe(25);
    expect(problems).toHaveLength(20);
    expect(problems[19]).toEqual({ location: 'annotations[19].bbox[3]', reason: 'expected number, received string' });
  });

  it('lists a bad image and a bad annotation in one error', () => {
    const images = [{ id: 'one', file_name: 'clips/street/frame_000001.jpg' }, { id: 2, file_name: 'clips/street/frame_000002.jpg', frame_id: 2 }];
    let error: unknown;
    try {
      cocoVideoFormat.importDataset(coco({ images, annotations: [{ image_id: 2, category_id: 1, bbox: [1, 2, 3] }] }), context);
    } catch (e) {
      error = e;
    }
    expect((error as FormatError).problems.map((p) => p.location)).toEqual(['images[0].id', 'annotations[0].bbox']);
  });

  it('names the JSON path of a bad number', () => {
    expectFormatError(
      () => cocoVideoFormat.importDataset(coco({ annotations: [{ image_id: 1, category_id: 1, bbox: [1, 'a', 3, 4] }] }), context),
      'out/annotations.json',
      'annotations[0].bbox[1]',
      /number/,
    );
  });

  it('names a frame out of range, an unknown category and an unknown image', () => {
    expectFormatError(
      () => cocoVideoFormat.importDataset(coco({ images: [{ id: 1, file_name: 'x.jpg', frame_id: 100 }] }), context),
      'out/annotations.json',
      'images[0].frame_id',
      /frame 100 is outside the video/,
    );
    expectFormatError(
      () => cocoVideoFormat.importDataset(coco({ annotations: [{ image_id: 1, category_id: 9, bbox: [1, 2, 3, 4] }] }), context),
      'out/annotations.json',
      'annotations[0].category_id',
      /unknown category id 9/,
    );
    expectFormatError(
      () => cocoVideoFormat.importDataset(coco({ annotations: [{ image_id: 5, category_id: 1, bbox: [1, 2, 3, 4] }] }), context),
      'out/annotations.json',
      'annotations[0].image_id',
      /unknown image id 5/,
    );
  });

  it('names an image with no frame number, a wrong frame size and broken JSON', () => {
    expectFormatError(() => cocoVideoFormat.importDataset(coco({ images: [{ id: 1, file_name: 'cover.jpg', video_id: 1 }] }), context), 'out/annotations.json', 'images[0]', /no frame_id/);
    expectFormatError(
      () => cocoVideoFormat.importDataset(coco({ images: [{ id: 1, file_name: 'f.jpg', frame_id: 1, width: 320, height: 240 }] }), context),
      'out/annotations.json',
      'images[0]',
      /is 640×480 px, but the file says 320×240/,
    );
    expectFormatError(() => cocoVideoFormat.importDataset([{ path: 'annotations.json', content: '{\n"images": [\n}' }], context), 'annotations.json', 'line 3', /invalid JSON/);
  });

  it('names a track_id that is not a whole number and a keyframe flag that is not boolean', () => {
    expectFormatError(
      () => cocoVideoFormat.importDataset(coco({ annotations: [{ image_id: 1, category_id: 1, bbox: [1, 2, 3, 4], attributes: { track_id: 'a7' } }] }), context),
      'out/annotations.json',
      'annotations[0].attributes.track_id',
      /track_id "a7" is not a whole number/,
    );
    expectFormatError(
      () => cocoVideoFormat.importDataset(coco({ annotations: [{ image_id: 1, category_id: 1, bbox: [1, 2, 3, 4], attributes: { track_id: 1, keyframe: 'yes' } }] }), context),
      'out/annotations.json',
      'annotations[0].attributes.keyframe',
      /keyframe "yes" must be true or false/,
    );
  });

  it('rejects a track that changes category or has two boxes on one frame', () => {
    const twoFrames = { images: [{ id: 1, file_name: 'a.jpg', frame_id: 1 }, { id: 2, file_name: 'b.jpg', frame_id: 2 }], categories: [{ id: 1, name: 'car' }, { id: 2, name: 'bus' }] };
    expectFormatError(
      () =>
        cocoVideoFormat.importDataset(
          coco({ ...twoFrames, annotations: [{ image_id: 1, category_id: 1, bbox: [1, 2, 3, 4], attributes: { track_id: 3 } }, { image_id: 2, category_id: 2, bbox: [1, 2, 3, 4], attributes: { track_id: 3 } }] }),
          context,
        ).dataset,
      'out/annotations.json',
      'annotations[1].category_id',
      /track 3 changes category from "car" to "bus"/,
    );
    expectFormatError(
      () =>
        cocoVideoFormat.importDataset(
          coco({ ...twoFrames, annotations: [{ image_id: 1, category_id: 1, bbox: [1, 2, 3, 4], attributes: { track_id: 3 } }, { image_id: 1, category_id: 1, bbox: [1, 2, 3, 4], attributes: { track_id: 3 } }] }),
          context,
        ).dataset,
      'out/annotations.json',
      'annotations[1]',
      /track 3 has two boxes on frame 1/,
    );
  });
});
