import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

const words = ['Groundwork', 'INVOICE 2024', 'labeling', 'hello world', 'TOTAL 42.50', 'Station 7', 'Delivery note', 'ACME Corp'];

/**
 * 1280×720 JPEGs that look like work: a noisy photographic background
 * (so JPEG decoding costs what a photo costs) with a few words at varying
 * places (so the detector finds text and post-processing has work to do).
 */
export async function generateImages(dir: string, count: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const noise = await sharp({ create: { width: 320, height: 180, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 150, sigma: 40 } } })
    .png()
    .toBuffer();
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const text = [0, 1, 2]
      .map((k) => {
        const word = words[(i + k * 3) % words.length]!;
        const x = 60 + ((i * 97 + k * 311) % 700);
        const y = 120 + k * 200 + ((i * 31) % 60);
        return `<text x="${x}" y="${y}" font-family="DejaVu Sans" font-size="${40 + ((i + k) % 4) * 8}" fill="#111">${word}</text>`;
      })
      .join('');
    const overlay = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"><rect x="40" y="60" width="1200" height="600" fill="#fff" opacity="0.85"/>${text}</svg>`);
    const file = path.join(dir, `frame-${String(i).padStart(3, '0')}.jpg`);
    await sharp(noise)
      .resize(1280, 720)
      .modulate({ hue: (i * 37) % 360 })
      .composite([{ input: overlay }])
      .jpeg({ quality: 88 })
      .toFile(file);
    files.push(file);
  }
  return files;
}
