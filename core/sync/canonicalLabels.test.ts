import { keccak256, toUtf8Bytes } from 'ethers';
import { describe, expect, it } from 'vitest';
import { canonicalItemLabels, itemLabelHash, type CanonicalShape } from './canonicalLabels';

const car: CanonicalShape = { className: 'car', box: { x: 10, y: 20, w: 30, h: 40 } };
const person: CanonicalShape = { className: 'person', box: { x: 5.123, y: 6.005, w: 7.1, h: 8 }, attributes: { pose: 'standing', occluded: false } };
const car2: CanonicalShape = { className: 'car', box: { x: 10, y: 5, w: 30, h: 40 } };

describe('canonicalItemLabels', () => {
  it('writes sorted shapes, rounded numbers and sorted attributes in one fixed form', () => {
    expect(canonicalItemLabels('img-1', [person, car, car2])).toBe(
      '{"v":1,"item":"img-1","shapes":[' +
        '{"class":"car","box":[10,5,30,40]},' +
        '{"class":"car","box":[10,20,30,40]},' +
        '{"class":"person","box":[5.12,6.01,7.1,8],"attributes":{"occluded":false,"pose":"standing"}}]}',
    );
  });

  it('gives the same string whatever order shapes and attribute keys come in', () => {
    const reordered: CanonicalShape = { ...person, attributes: { occluded: false, pose: 'standing' } };
    expect(canonicalItemLabels('a', [car, reordered, car2])).toBe(canonicalItemLabels('a', [car2, person, car]));
  });

  it('treats differences below 1/100 px as equal, and larger ones as different', () => {
    const nudged = { ...car, box: { ...car.box, x: 10.004 } };
    const moved = { ...car, box: { ...car.box, x: 10.01 } };
    expect(itemLabelHash('a', [nudged])).toBe(itemLabelHash('a', [car]));
    expect(itemLabelHash('a', [moved])).not.toBe(itemLabelHash('a', [car]));
  });

  it('hashes the class name, the item id and every attribute', () => {
    const base = itemLabelHash('a', [person]);
    expect(itemLabelHash('b', [person])).not.toBe(base);
    expect(itemLabelHash('a', [{ ...person, className: 'rider' }])).not.toBe(base);
    expect(itemLabelHash('a', [{ ...person, attributes: { ...person.attributes, occluded: true } }])).not.toBe(base);
  });

  it('keeps attribute keys in code-unit order even when they look like integers', () => {
    const shape: CanonicalShape = { className: 'x', box: { x: 0, y: 0, w: 1, h: 1 }, attributes: { b: 1, '10': 2, '2': 3 } };
    expect(canonicalItemLabels('i', [shape])).toContain('"attributes":{"10":2,"2":3,"b":1}');
  });

  it('hashes an empty item, and no attributes the same as an empty attribute map', () => {
    expect(canonicalItemLabels('i', [])).toBe('{"v":1,"item":"i","shapes":[]}');
    expect(itemLabelHash('i', [{ ...car, attributes: {} }])).toBe(itemLabelHash('i', [car]));
  });

  it('is keccak256 of the UTF-8 canonical string (checked with ethers), including non-ASCII names', () => {
    const shapes: CanonicalShape[] = [{ className: 'Fußgänger 歩行者', box: { x: -0.001, y: 1e-9, w: 2.676, h: 1.006 } }];
    const text = canonicalItemLabels('bild-ü', shapes);
    expect(text).toContain('"box":[0,0,2.68,1.01]');
    expect(itemLabelHash('bild-ü', shapes)).toBe(keccak256(toUtf8Bytes(text)));
  });

  it('refuses non-finite numbers, negative sizes and empty names, naming the place', () => {
    expect(() => canonicalItemLabels('i', [car, { ...car, box: { ...car.box, w: NaN } }])).toThrow('shapes[1].box.w must be a finite number');
    expect(() => canonicalItemLabels('i', [{ ...car, box: { ...car.box, h: -1 } }])).toThrow('must not be negative');
    expect(() => canonicalItemLabels('i', [{ ...car, className: '' }])).toThrow('className');
    expect(() => canonicalItemLabels('', [car])).toThrow('itemId');
    expect(() => canonicalItemLabels('i', [{ ...car, attributes: { s: Infinity } }])).toThrow('shapes[0].attributes.s');
  });
});
