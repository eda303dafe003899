import { REAL_PHOTOS } from './realPhotos';
import { indexPatternFilter } from './indexPattern';

export interface PhotoPanSpec {
  width: number;
  height: number;
  seconds: number;
  /** Frames between keyframes. */
  gop: number;
  fps?: number;
}

/**
 * ffmpeg arguments (before the output path) for a camera panning over a real
 * photograph (the Point Lobos panorama) with sensor-like grain and the frame
 * index burned in, encoded the way real footage is: libx264 preset medium,
 * three B-frames, a fixed keyframe interval. Grain matters: a clean upscaled
 * photo decodes several times cheaper than camera footage.
 */
export function photoPanArgs(spec: PhotoPanSpec): string[] {
  const { width: w, height: h, seconds, gop } = spec;
  const fps = spec.fps ?? 30;
  const zoomedHeight = 2 * Math.round((h * 1.3) / 2);
  const pan = [
    `scale=-2:${zoomedHeight}`,
    // Slow back-and-forth pan with a vertical drift: every frame differs, no cuts.
    `crop=${w}:${h}:x='(iw-ow)*(0.5-0.5*cos(t*0.35))':y='(ih-oh)*(0.5+0.5*sin(t*0.9))'`,
    indexPatternFilter(w),
    'noise=alls=6:allf=t',
  ].join(',');
  return [
    '-loop', '1', '-framerate', String(fps), '-i', REAL_PHOTOS.pointLobos(), '-t', String(seconds),
    '-vf', pan,
    '-c:v', 'libx264', '-preset', 'medium', '-bf', '3', '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
  ];
}
