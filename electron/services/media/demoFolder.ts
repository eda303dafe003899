import { randomBytes } from 'node:crypto';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

interface DemoShape {
  kind: 'rect' | 'circle';
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
}

interface DemoImage {
  file: string;
  background: string;
  shapes: DemoShape[];
}

// Hand-placed so a newcomer has clear objects to box: each image has a few
// coloured rectangles and circles of different sizes on a plain background.
const DEMO_IMAGES: DemoImage[] = [
  { file: 'street-01.png', background: '#dfe7ee', shapes: [r(60, 260, 180, 110, '#d9480f'), c(420, 120, 60, '#f59f00'), r(330, 300, 220, 120, '#1971c2')] },
  { file: 'street-02.png', background: '#e9ecef', shapes: [r(40, 60, 140, 140, '#2f9e44'), r(250, 200, 260, 150, '#d9480f'), c(540, 90, 45, '#f59f00')] },
  { file: 'park-03.jpg', background: '#c3e6cb', shapes: [c(150, 180, 90, '#2b8a3e'), c(420, 220, 110, '#2b8a3e'), r(260, 360, 120, 70, '#1971c2')] },
  { file: 'park-04.jpg', background: '#d3f9d8', shapes: [r(80, 320, 200, 100, '#d9480f'), c(500, 140, 70, '#f59f00'), r(330, 60, 90, 200, '#862e9c')] },
  { file: 'yard-05.webp', background: '#fff3bf', shapes: [r(100, 100, 160, 160, '#1971c2'), r(360, 140, 180, 90, '#d9480f'), c(300, 370, 55, '#862e9c')] },
  { file: 'yard-06.webp', background: '#ffe8cc', shapes: [c(120, 120, 70, '#f59f00'), r(260, 250, 300, 130, '#2f9e44'), r(470, 40, 110, 110, '#1971c2')] },
];

function r(x: number, y: number, w: number, h: number, color: string): DemoShape {
  return { kind: 'rect', x, y, w, h, color };
}
function c(cx: number, cy: number, radius: number, color: string): DemoShape {
  return { kind: 'circle', x: cx - radius, y: cy - radius, w: radius * 2, h: radius * 2, color };
}

const WIDTH = 640;
const HEIGHT = 480;

function svgOf(image: DemoImage): string {
  const shapes = image.shapes.map((s) =>
    s.kind === 'rect'
      ? `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="6" fill="${s.color}"/>`
      : `<circle cx="${s.x + s.w / 2}" cy="${s.y + s.h / 2}" r="${s.w / 2}" fill="${s.color}"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><rect width="100%" height="100%" fill="${image.background}"/>${shapes.join('')}</svg>`;
}

async function encode(image: DemoImage): Promise<Buffer> {
  const pipeline = sharp(Buffer.from(svgOf(image)));
  const ext = path.extname(image.file);
  if (ext === '.jpg') return pipeline.jpeg({ quality: 90 }).toBuffer();
  if (ext === '.webp') return pipeline.webp({ quality: 90 }).toBuffer();
  return pipeline.png().toBuffer();
}

/** The demo images' file names, in order. */
export const demoFileNames = DEMO_IMAGES.map((i) => i.file);

/**
 * Makes `<dataDir>/demo` with six small images the first time it is asked
 * for; written to a temporary folder and renamed so a half-made demo folder
 * never exists.
 */
export async function ensureDemoFolder(dataDir: string): Promise<string> {
  const target = path.join(dataDir, 'demo');
  if (await exists(target)) return target;
  await mkdir(dataDir, { recursive: true });
  const temp = path.join(dataDir, `.demo-${randomBytes(6).toString('hex')}`);
  try {
    await mkdir(temp);
    for (const image of DEMO_IMAGES) await writeFile(path.join(temp, image.file), await encode(image));
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    // Another call may have finished first; its folder is just as good.
    if (await exists(target)) return target;
    throw error;
  }
  return target;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
