import { describe, expect, it } from 'vitest';
import { draftRow, readReviewDraft } from './reviewDrafts';

const where = { hubUrl: 'https://hub', itemId: 'itm_1' };

describe('review drafts in dispute rows', () => {
  it('stamps on write and reads back the draft as saved, also one saved before drafts were versioned', () => {
    const draft = { decisions: [{ choice: { kind: 'merged' } }] };
    expect(draftRow(draft)).toEqual({ ...draft, schemaVersion: 1 });
    expect(readReviewDraft({ ...where, draft: draftRow(draft) })).toEqual(draft);
    expect(readReviewDraft({ ...where, draft })).toEqual(draft);
    expect(readReviewDraft({ ...where, draft: undefined })).toBeUndefined();
  });

  it('names the dispute when its draft is from a newer Groundwork or damaged', () => {
    expect(() => readReviewDraft({ ...where, draft: { decisions: [], schemaVersion: 4 } })).toThrow(
      'the review draft of dispute itm_1 (https://hub) cannot be read: reviewDraft: written by a newer Groundwork (schema version 4; this version reads up to 1). Update Groundwork to open it.',
    );
    expect(() => readReviewDraft({ ...where, draft: { decisions: 3 } })).toThrow(/review draft of dispute itm_1 .*decisions/);
  });
});
