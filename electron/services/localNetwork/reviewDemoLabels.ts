import type { CanonicalShape } from '../../../core/sync/canonicalLabels';

type Box = CanonicalShape['box'];
const shape = (className: string, box: Box): CanonicalShape => ({ className, box });
const shifted = (box: Box, dx: number): Box => ({ ...box, x: box.x + dx });

/**
 * What the demo images show in the demo task's classes, box by box (the
 * shapes electron/services/media/demoFolder.ts paints: orange-red rectangles
 * are vehicles, amber discs signs, green shapes trees; blue and purple ones
 * are none of the classes). A careful annotator labels exactly this.
 */
export const DEMO_TRUTH: Record<string, CanonicalShape[]> = {
  'street-01.png': [shape('vehicle', { x: 60, y: 260, w: 180, h: 110 }), shape('sign', { x: 360, y: 60, w: 120, h: 120 })],
  'street-02.png': [shape('tree', { x: 40, y: 60, w: 140, h: 140 }), shape('vehicle', { x: 250, y: 200, w: 260, h: 150 }), shape('sign', { x: 495, y: 45, w: 90, h: 90 })],
  'park-03.jpg': [shape('tree', { x: 60, y: 90, w: 180, h: 180 }), shape('tree', { x: 310, y: 110, w: 220, h: 220 })],
  'park-04.jpg': [shape('vehicle', { x: 80, y: 320, w: 200, h: 100 }), shape('sign', { x: 430, y: 70, w: 140, h: 140 })],
  'yard-05.webp': [shape('vehicle', { x: 360, y: 140, w: 180, h: 90 })],
  'yard-06.webp': [shape('sign', { x: 50, y: 50, w: 140, h: 140 }), shape('tree', { x: 260, y: 250, w: 300, h: 130 })],
};

const truth = (fileName: string): CanonicalShape[] => DEMO_TRUTH[fileName] ?? [];
const relabel = (shapes: CanonicalShape[], index: number, className: string) => shapes.map((s, i) => (i === index ? { ...s, className } : s));

/**
 * The task you label beside two simulated annotators (k = 3). Ann is careful
 * but misses the sign on street-01; Ben disagrees: on street-01 he calls the
 * vehicle a tree and boxes the sign far off, on street-02 he calls the vehicle
 * a sign. Labelled as DEMO_TRUTH, your third submission outvotes Ben on
 * street-02 (accepted) and leaves street-01 disputed: no box there has two
 * of three votes behind both objects (consensus score 0.5 < 0.6).
 */
export const LABEL_BESIDE_FILES = ['street-01.png', 'street-02.png', 'park-04.jpg', 'yard-06.webp'] as const;
export const annLabelBeside = (fileName: string) => (fileName === 'street-01.png' ? truth(fileName).slice(0, 1) : truth(fileName));
export function benLabelBeside(fileName: string): CanonicalShape[] {
  if (fileName === 'street-01.png') {
    const [vehicle, sign] = truth(fileName);
    return [{ ...vehicle!, className: 'tree' }, { ...sign!, box: shifted(sign!.box, 80) }];
  }
  if (fileName === 'street-02.png') return relabel(truth(fileName), 1, 'sign');
  return truth(fileName);
}

/**
 * The task whose items three simulated annotators already took to a dispute
 * (k = 3), waiting for a reviewer who labeled none of them. park-03: Ann boxes
 * both trees, Ben one tree and the blue box as a vehicle, Cleo both trees as
 * signs. yard-05: one object, three classes.
 */
export const DISPUTED_FILES = ['park-03.jpg', 'yard-05.webp'] as const;
export const DISPUTED_LABELS: Record<'ann' | 'ben' | 'cleo', (fileName: string) => CanonicalShape[]> = {
  ann: truth,
  ben: (fileName) => (fileName === 'park-03.jpg' ? [truth(fileName)[0]!, shape('vehicle', { x: 260, y: 360, w: 120, h: 70 })] : relabel(truth(fileName), 0, 'sign')),
  cleo: (fileName) => truth(fileName).map((s) => ({ ...s, className: fileName === 'park-03.jpg' ? 'sign' : 'tree' })),
};
