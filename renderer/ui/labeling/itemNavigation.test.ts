import { describe, expect, it } from 'vitest';
import { neighbourInList, neighbourItem } from './itemNavigation';

const list = [
  { id: 'a', order: 0 },
  { id: 'c', order: 2 },
  { id: 'e', order: 4 },
];

describe('neighbourItem', () => {
  it('steps through the visible list', () => {
    expect(neighbourItem(list, { order: 0 }, 1)?.id).toBe('c');
    expect(neighbourItem(list, { order: 2 }, -1)?.id).toBe('a');
    expect(neighbourItem(list, { order: 4 }, 1)).toBeNull();
    expect(neighbourItem(list, { order: 0 }, -1)).toBeNull();
  });

  it('finds the neighbour by order when the current item left the filtered list', () => {
    expect(neighbourItem(list, { order: 3 }, 1)?.id).toBe('e');
    expect(neighbourItem(list, { order: 3 }, -1)?.id).toBe('c');
  });

  it('starts at the first item when none is open', () => {
    expect(neighbourItem(list, null, 1)?.id).toBe('a');
    expect(neighbourItem([], null, 1)).toBeNull();
  });
});

describe('neighbourInList', () => {
  const uncertainFirst = [list[2]!, list[0]!, list[1]!]; // e, a, c
  it('follows the list as shown, not plain order', () => {
    expect(neighbourInList(uncertainFirst, { id: 'e', order: 4 }, 1)?.id).toBe('a');
    expect(neighbourInList(uncertainFirst, { id: 'a', order: 0 }, -1)?.id).toBe('e');
    expect(neighbourInList(uncertainFirst, { id: 'c', order: 2 }, 1)).toBeNull();
  });
  it('falls back to plain order when the current item left the list', () => {
    expect(neighbourInList(list, { id: 'b', order: 1 }, 1)?.id).toBe('c');
  });
});
