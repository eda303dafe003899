import { describe, expect, it } from 'vitest';
import { detectFormat, formats, formatIds } from './index';
import { sampleDataset } from './testKit';

describe('detectFormat', () => {
  it.each(formatIds)('recognises its own %s export', (id) => {
    expect(detectFormat(formats[id].exportDataset(sampleDataset()))).toBe(id);
  });

  it('recognises files written by other tools', () => {
    expect(detectFormat([{ path: 'train/labels/x.txt', content: '0 0.5 0.5 0.1 0.1' }])).toBe('yolo');
    expect(detectFormat([{ path: 'x.xml', content: '<?xml version="1.0"?><annotation><filename>x.jpg</filename></annotation>' }])).toBe('voc');
    expect(detectFormat([{ path: 'instances_default.json', content: '{"licenses":[],"images":[],"annotations":[],"categories":[]}' }])).toBe('coco');
  });

  it('returns null for anything else', () => {
    expect(detectFormat([])).toBeNull();
    expect(detectFormat([{ path: 'notes.json', content: '{"hello": 1}' }])).toBeNull();
    expect(detectFormat([{ path: 'broken.json', content: '{' }])).toBeNull();
    expect(detectFormat([{ path: 'readme.txt', content: 'hi' }])).toBeNull();
  });
});
