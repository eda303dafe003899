import { describe, expect, it } from 'vitest';
import { actionDescriptions, actionGroups, chordOf, defaultKeymap, findKeymapConflicts, formatChord, KeymapConflictError, mergeKeymap, normalizeChord } from './keymap';
import { createTestEditor } from './testing/testEditor';
import type { ActionId } from './types';

const mods = { shift: false, ctrl: false, alt: false, meta: false };

describe('keymap', () => {
  it('has no conflicts, and a description and help section for every action', () => {
    expect(findKeymapConflicts(defaultKeymap)).toEqual([]);
    const actions = Object.keys(defaultKeymap) as ActionId[];
    for (const a of actions) expect(actionDescriptions[a]).toMatch(/\w/);
    expect(actionGroups.flatMap((g) => g.actions).sort()).toEqual([...actions].sort());
  });

  it('turns key events into canonical chords', () => {
    expect(chordOf({ key: 'Z', code: 'KeyZ', modifiers: { ...mods, ctrl: true, shift: true }, repeat: false })).toBe('ctrl+shift+z');
    expect(chordOf({ key: '?', code: 'Slash', modifiers: { ...mods, shift: true }, repeat: false })).toBe('?');
    expect(chordOf({ key: 'ArrowLeft', code: 'ArrowLeft', modifiers: { ...mods, shift: true }, repeat: false })).toBe('shift+arrowleft');
    expect(chordOf({ key: 'z', code: 'KeyZ', modifiers: { ...mods, meta: true }, repeat: false })).toBe('ctrl+z');
    expect(normalizeChord('Shift+Ctrl+Z')).toBe('ctrl+shift+z');
    expect(normalizeChord('ctrl++')).toBe('ctrl++');
    expect(() => normalizeChord('hyper+z')).toThrow(/unknown modifier "hyper"/);
    expect(formatChord('ctrl+shift+z')).toBe('Ctrl+Shift+Z');
    expect(formatChord('arrowleft')).toBe('←');
  });

  it('rejects conflicting or reserved bindings, naming them', () => {
    expect(() => mergeKeymap({ 'tool.box': ['f'] })).toThrow(KeymapConflictError);
    expect(() => mergeKeymap({ 'tool.box': ['f'] })).toThrow(/"f" is bound to tool.box and item.next/);
    expect(() => mergeKeymap({ 'tool.box': ['space'] })).toThrow(/reserved/);
    expect(() => mergeKeymap({ 'tool.nope': ['q'] })).toThrow(/unknown action "tool.nope"/);
  });

  it('remaps keys in a running editor; the old key stops working', () => {
    const t = createTestEditor();
    expect(() => t.editor.setKeymap({ 'tool.box': ['d'] })).toThrow(KeymapConflictError);
    t.editor.setKeymap({ 'tool.box': ['b'] });
    expect(t.editor.getKeymap()['tool.box']).toEqual(['b']);
    t.keyDown('n').expectToBeIn('select.idle');
    t.keyDown('b').expectToBeIn('box.idle');
  });

  it('starts with a saved partial keymap', () => {
    const t = createTestEditor({ keymap: { 'edit.undo': ['u'] } });
    t.keyDown('n').drag([10, 10], [60, 60]).expectShapeCount(1).keyDown('u').expectShapeCount(0);
  });
});
