import { describe, expect, it } from 'vitest';
import { createTestEditor } from './testing/testEditor';
import { screenToImage, MAX_ZOOM } from './camera';

describe('camera: zoom, pan, fit', () => {
  it('wheel zooms to the cursor: the image point under it stays put', () => {
    const t = createTestEditor();
    t.editor.setCamera({ x: 37, y: -12, zoom: 1.7 });
    const before = screenToImage(t.snapshot.camera, 321, 456);
    t.wheel(321, 456, -240);
    expect(t.snapshot.camera.zoom).toBeGreaterThan(1.7);
    const after = screenToImage(t.snapshot.camera, 321, 456);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
    t.wheel(10, 20, 500);
    expect(t.snapshot.camera.zoom).toBeLessThan(1.7);
  });

  it('zoomAt keeps the point fixed and clamps the zoom', () => {
    const t = createTestEditor();
    t.editor.zoomAt(500, 400, 2);
    expect(t.snapshot.camera).toEqual({ x: -500, y: -400, zoom: 2 });
    t.editor.zoomAt(0, 0, 1e6);
    expect(t.snapshot.camera.zoom).toBe(MAX_ZOOM);
  });

  it('Space+drag and middle-drag pan in any tool without touching shapes', () => {
    const t = createTestEditor();
    t.keyDown('n').keyDown(' ');
    expect(t.snapshot.panning).toBe(true);
    t.pointerDown(100, 100).pointerMove(130, 90).pointerUp(130, 90).keyUp(' ');
    expect(t.snapshot.camera).toMatchObject({ x: 30, y: -10 });
    expect(t.snapshot.panning).toBe(false);
    t.expectShapeCount(0).expectToBeIn('box.idle');
    t.pointerDown(0, 0, { button: 1 }).pointerMove(-20, 5).pointerUp(-20, 5, { button: 1 });
    expect(t.snapshot.camera).toMatchObject({ x: 10, y: -5 });
    t.expectShapeCount(0);
  });

  it('fit-to-screen centres the whole image with a margin', () => {
    const t = createTestEditor({ image: { width: 2000, height: 1000 }, viewport: { width: 1000, height: 800 } });
    t.fit();
    const { camera } = t.snapshot;
    expect(camera.zoom).toBeCloseTo((1000 - 32) / 2000, 9);
    expect(camera.x).toBeCloseTo(16, 9);
    expect(camera.y).toBeCloseTo((800 - 1000 * camera.zoom) / 2, 9);
    t.editor.panBy(50, 50);
    t.keyDown('h');
    expect(t.snapshot.camera).toEqual(camera);
  });

  it('keyboard zoom keeps the viewport centre fixed', () => {
    const t = createTestEditor();
    const centre = screenToImage(t.snapshot.camera, 500, 400);
    t.keyDown('=').keyDown('=').keyDown('-');
    expect(t.snapshot.camera.zoom).toBeCloseTo(1.25, 9);
    expect(screenToImage(t.snapshot.camera, 500, 400).x).toBeCloseTo(centre.x, 9);
  });
});
