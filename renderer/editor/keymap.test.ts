import { describe, expect, it } from 'vitest';
import { conflictText, findKeymapConflicts, findKeymapShadows, KeymapConflictError, loadKeymap, mergeKeymap, overridesOf } from './keymap';
import { chordOf, formatChord, normalizeChord } from './keys/chord';
import { defaultKeymap, KEY_COMMANDS } from './keys/registry';
import { KEY_MODES, sharedModes, specificity, whenHolds } from './keys/when';
import { keyInput } from './testing/keyDriver';
import { createTestEditor } from './testing/testEditor';

describe('command and keybinding registry', () => {
  it('has one entry per command, each described, grouped and active in some mode, and no conflicting defaults', () => {
    expect(new Set(KEY_COMMANDS.map((c) => c.id)).size).toBe(KEY_COMMANDS.length);
    for (const c of KEY_COMMANDS) {
      expect(c.description).toMatch(/\w/);
      expect(c.group).toMatch(/\w/);
      expect(KEY_MODES.some((m) => whenHolds(c.when, new Set(m.contexts))), c.id).toBe(true);
    }
    expect(findKeymapConflicts(defaultKeymap)).toEqual([]);
  });

  it('when-clauses: the more specific one shadows where both hold (F in a video), modes that never meet never clash', () => {
    expect(specificity('editor && video')).toBeGreaterThan(specificity('labeling'));
    expect(sharedModes('editor && video', 'labeling').map((m) => m.id)).toEqual(['video']);
    expect(sharedModes('editor && video', 'editor && review')).toEqual([]);
    expect(whenHolds('editor && !review', new Set(['editor']))).toBe(true);
    expect(whenHolds('editor && !review', new Set(['editor', 'review']))).toBe(false);
    const shadows = findKeymapShadows(defaultKeymap);
    expect(shadows).toContainEqual({ chord: 'f', winner: 'frame.next', shadowed: 'item.next', modes: ['Labeling video'] });
    expect(shadows).toContainEqual({ chord: '1', winner: 'review.reason.wrong_class', shadowed: 'class.1', modes: ['Reviewer mode'] });
  });

  it('turns key events into canonical chords; digits by their code, so Shift+1 is shift+1 on any layout', () => {
    expect(chordOf(keyInput('ctrl+shift+z'))).toBe('ctrl+shift+z');
    expect(chordOf({ key: '?', code: 'Slash', modifiers: { shift: true, ctrl: false, alt: false, meta: false }, repeat: false })).toBe('?');
    expect(chordOf(keyInput('shift+arrowleft'))).toBe('shift+arrowleft');
    expect(chordOf({ ...keyInput('z'), modifiers: { shift: false, ctrl: false, alt: false, meta: true } })).toBe('ctrl+z');
    expect(keyInput('shift+1')).toMatchObject({ key: '!', code: 'Digit1' });
    expect(chordOf(keyInput('shift+1'))).toBe('shift+1');
    expect(chordOf(keyInput('ctrl+1'))).toBe('ctrl+1');
    expect(normalizeChord('Shift+Ctrl+Z')).toBe('ctrl+shift+z');
    expect(normalizeChord('ctrl++')).toBe('ctrl++');
    expect(() => normalizeChord('hyper+z')).toThrow(/unknown modifier "hyper"/);
    expect(formatChord('ctrl+shift+z')).toBe('Ctrl+Shift+Z');
    expect(formatChord('arrowleft')).toBe('←');
  });

  it('refuses conflicting, reserved or unknown bindings, naming them in words', () => {
    expect(() => mergeKeymap({ 'tool.box': ['f'] })).toThrow(KeymapConflictError);
    expect(() => mergeKeymap({ 'tool.box': ['f'] })).toThrow('F is bound to both "Draw a new box" and "Next item" (Labeling images, Labeling video).');
    expect(() => mergeKeymap({ 'tool.box': ['space'] })).toThrow(/reserved/);
    expect(() => mergeKeymap({ 'tool.nope': ['q'] })).toThrow(/unknown command "tool.nope"/);
    // A video key over a labeling key is shadowing by design, not a conflict; two video keys on one chord are.
    expect(() => mergeKeymap({ 'track.make': ['n'] })).not.toThrow();
    expect(() => mergeKeymap({ 'track.make': ['k'] })).toThrow(/K is bound to both "Make the selected box a track" and "Make this frame a keyframe/);
    const [conflict] = findKeymapConflicts({ ...defaultKeymap, 'review.merged': ['x'] });
    expect(conflictText(conflict!)).toBe('X is bound to both "Take the merged shape" and "Drop the object (not an object)" (Reviewer mode)');
  });

  it('loads a saved keymap, reads the old labeling-only setting, and names what it cannot apply without losing the rest', () => {
    expect(loadKeymap(undefined).keymap).toEqual(defaultKeymap);
    const legacy = loadKeymap(undefined, { 'tool.box': ['b'], 'edit.undo': ['f'], 'tool.gone': ['q'], 'frame.next': ['g'] });
    expect(legacy.keymap['tool.box']).toEqual(['b']);
    expect(legacy.keymap['frame.next']).toEqual(['g']);
    expect(legacy.keymap['edit.undo']).toEqual(['ctrl+z']);
    expect(legacy.problems).toEqual([
      'A saved shortcut was not applied: F is bound to both "Undo" and "Next item" (Labeling images, Labeling video).',
      'A saved shortcut was not applied: unknown command "tool.gone"',
    ]);
    // The newer setting wins over the old one.
    expect(loadKeymap({ 'tool.box': ['j'] }, { 'tool.box': ['b'] }).keymap['tool.box']).toEqual(['j']);
    expect(overridesOf(mergeKeymap({ 'tool.box': ['b'], 'review.drop': ['q'] }))).toEqual({ 'tool.box': ['b'], 'review.drop': ['q'] });
  });

  it('remaps keys in a running editor; the old key stops working, a conflicting one is refused and changes nothing', () => {
    const t = createTestEditor();
    expect(() => t.editor.setKeymap({ 'tool.box': ['d'] })).toThrow(KeymapConflictError);
    t.editor.setKeymap({ 'tool.box': ['b'] });
    expect(t.editor.getKeymap()['tool.box']).toEqual(['b']);
    t.press('n').expectToBeIn('select.idle');
    t.press('b').expectToBeIn('box.idle');
    expect(() => t.editor.setKeymap({ 'tool.box': ['v'] })).toThrow(/V is bound to both "Draw a new box" and "Select and move boxes"/);
    t.press('escape').press('b').expectToBeIn('box.idle');
  });

  it('starts with a saved partial keymap', () => {
    const t = createTestEditor({ keymap: { 'edit.undo': ['u'] } });
    t.press('n').drag([10, 10], [60, 60]).expectShapeCount(1).press('u').expectShapeCount(0);
  });
});
