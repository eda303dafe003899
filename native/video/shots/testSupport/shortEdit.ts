import type { VideoSpec } from './shotsVideoSpec';

/**
 * A 10-second 320×180 edit from real photographs for the detector's tests:
 * a fast pan (a picture width per second) cut to a zoom with a camera flash,
 * a 15-frame dissolve into a Ken Burns move, a cut to a nearly still view of
 * another part of the same panorama, a fade through black (8 out, 2 black,
 * 8 in) to the hill, a cut to a pan over the ice.
 */
export const SHORT_EDIT: VideoSpec = {
  name: 'short-edit',
  width: 320,
  height: 180,
  fps: 30,
  shots: [
    { photo: 'pointLobos', from: { x: 0, y: 40, w: 300 }, to: { x: 600, y: 40, w: 300 }, frames: 60 },
    { photo: 'ice', from: { x: 100, y: 0, w: 220 }, to: { x: 150, y: 20, w: 140 }, frames: 55, flashes: [20] },
    { photo: 'pointLobos', from: { x: 900, y: 0, w: 440 }, to: { x: 1000, y: 30, w: 320 }, frames: 60 },
    { photo: 'pointLobos', from: { x: 1250, y: 60, w: 300 }, to: { x: 1262, y: 60, w: 300 }, frames: 50 },
    { photo: 'hill', from: { x: 300, y: 0, w: 213 }, to: { x: 330, y: 0, w: 200 }, frames: 50 },
    { photo: 'ice', from: { x: 0, y: 10, w: 180 }, to: { x: 250, y: 10, w: 180 }, frames: 45 },
  ],
  transitions: [{ kind: 'cut' }, { kind: 'dissolve', frames: 15 }, { kind: 'cut' }, { kind: 'fade', out: 8, black: 2, in: 8 }, { kind: 'cut' }],
};
