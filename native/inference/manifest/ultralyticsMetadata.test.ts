import { describe, expect, it } from 'vitest';
import { parsePythonLiteral } from './pythonLiteral';
import { classNamesFrom, imageSizeFrom } from './ultralyticsMetadata';

describe('Python literals from Ultralytics metadata (parsed, never evaluated)', () => {
  it('reads the names dict str() writes, with either quote style, escapes and non-ASCII names', () => {
    expect(classNamesFrom("{0: 'person', 1: 'bicycle', 2: 'car'}")).toEqual(['person', 'bicycle', 'car']);
    // Python's repr switches to double quotes for a name holding a single quote.
    expect(classNamesFrom(`{0: "man's hat", 1: 'a\\'b', 2: 'tab\\there', 3: '\\u00e9t\\xe9', 4: '交通标志', 5: 'back\\\\slash'}`)).toEqual([
      "man's hat",
      "a'b",
      'tab\there',
      'été',
      '交通标志',
      'back\\slash',
    ]);
    // Keys out of order are placed by index; a list (older YOLOv5 models) works too.
    expect(classNamesFrom("{1: 'b', 0: 'a',}")).toEqual(['a', 'b']);
    expect(classNamesFrom("['a', 'b']")).toEqual(['a', 'b']);
  });

  it.each([
    ["{0: 'a', 2: 'c'}", 'names skips class 1; the classes must be numbered 0…2'],
    ["{0: 'a', 0: 'b'}", 'names has class 0 twice'],
    ["{'a': 'b'}", 'names has a key "a" that is not a class index'],
    ['{0: 7}', 'names[0] is not a class name'],
    ['{}', 'names {} is not a dict of class index → name'],
    ["{0: 'a'", 'not a Python literal: expected "}" at character 7'],
    ["{0: 'a} ", 'not a Python literal: unterminated string'],
    ["eval('1')", 'not a Python literal: unexpected "e" at character 0'],
    ["{0: 'a'} or 1", 'not a Python literal: unexpected text after the value'],
    ["{0: 'a' + 'b'}", 'not a Python literal: expected "}"'],
  ])('refuses %s', (text, message) => {
    expect(() => classNamesFrom(text)).toThrow(message);
  });

  it('reads imgsz as [height, width]', () => {
    expect(imageSizeFrom('[480, 640]')).toEqual({ height: 480, width: 640 });
    expect(imageSizeFrom('(320, 320)')).toEqual({ height: 320, width: 320 });
    expect(imageSizeFrom('640')).toEqual({ height: 640, width: 640 });
    expect(() => imageSizeFrom('[640]')).toThrow('imgsz [640] is not [height, width] in pixels');
    expect(() => imageSizeFrom('[640.5, 640]')).toThrow('is not [height, width]');
  });

  it('keeps True, False, None and numbers as their JavaScript values', () => {
    expect(parsePythonLiteral("{'a': True, 'b': None, 'c': [1.5, -2, 1e3]}")).toEqual({
      kind: 'dict',
      entries: [
        ['a', true],
        ['b', null],
        ['c', [1.5, -2, 1000]],
      ],
    });
  });
});
