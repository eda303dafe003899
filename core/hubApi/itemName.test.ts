import { describe, expect, it } from 'vitest';
import { displayItemName, itemNameProblem, MAX_ITEM_NAME } from './itemName';
import { TaskItemBody } from './tasks';

const item = (fileName: string) => ({ sha256: 'a'.repeat(64), fileName, width: 10, height: 10 });

describe('item file names', () => {
  it('the hub takes a relative path of showable characters, at most 255 of them', () => {
    for (const ok of ['cat.jpg', 'street/cat 01.jpg', 'Ünïcödé 猫.png', 'x'.repeat(MAX_ITEM_NAME)]) expect(itemNameProblem(ok), ok).toBeNull();
    for (const bad of ['', 'x'.repeat(MAX_ITEM_NAME + 1), '/etc/passwd', '../up.jpg', 'a/../b.jpg', 'a//b.jpg', 'dir\\a.jpg', 'a\u0000.jpg', 'a\nb.jpg', 'x\u202Egpj.exe', 'a\u200Bb.jpg']) {
      expect(itemNameProblem(bad), JSON.stringify(bad)).not.toBeNull();
      expect(TaskItemBody.safeParse(item(bad)).success, JSON.stringify(bad)).toBe(false);
    }
    expect(TaskItemBody.safeParse(item('street/cat 01.jpg')).success).toBe(true);
  });

  it('the workstation shows any text a hub sends only after cleaning it', () => {
    expect(displayItemName('cat.jpg')).toBe('cat.jpg');
    expect(displayItemName('x\u202Egpj.exe')).toBe('xgpj.exe');
    expect(displayItemName(' a\r\n\tb.jpg ')).toBe('a b.jpg');
    expect(displayItemName('\u0000\u0007')).toBe('');
    expect(displayItemName(42)).toBe('');
    const long = displayItemName(`${'a'.repeat(400)}.jpg`);
    expect([...long].length).toBe(MAX_ITEM_NAME);
    expect(long).toMatch(/^a+…a+\.jpg$/);
  });
});
