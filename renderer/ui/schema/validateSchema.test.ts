import { describe, expect, it } from 'vitest';
import type { LabelSchema } from '../../../core/model/labelSchema';
import { validateSchema } from './validateSchema';

const cls = (name: string, extra: Partial<LabelSchema['classes'][number]> = {}) => ({ id: `id-${name}`, name, color: '#112233', attributes: [], ...extra });

describe('validateSchema', () => {
  it('accepts a good schema', () => {
    expect(validateSchema({ classes: [cls('car', { hotkey: 'q' }), cls('person', { hotkey: 'w' })] }).size).toBe(0);
  });

  it('names the field of each problem', () => {
    const problems = validateSchema({
      classes: [
        cls('car', { hotkey: 'q' }),
        cls('car', { hotkey: 'q' }),
        cls('', { hotkey: '3' }),
        cls('bike', { attributes: [{ id: 'a1', name: 'kind', type: 'select', options: [] }, { id: 'a2', name: 'kind', type: 'text', default: '' }] }),
      ],
    });
    expect(problems.get('classes.1.name')).toMatch(/duplicate class name "car"/);
    expect(problems.get('classes.1.hotkey')).toMatch(/also the hotkey of car/);
    expect(problems.get('classes.2.name')).toBe('required');
    expect(problems.get('classes.2.hotkey')).toMatch(/number keys/);
    expect(problems.get('classes.3.attributes.0.options')).toBe('give at least one option');
    expect(problems.get('classes.3.attributes.1.name')).toMatch(/listed twice/);
  });
});
