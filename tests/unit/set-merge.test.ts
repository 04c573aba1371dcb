import { describe, expect, it } from 'vitest';
import { mergeSet } from '@/utils/shared/set-merge';

describe('mergeSet', () => {
  it('keeps an item added elsewhere since the read beside the one added here', () => {
    expect(mergeSet(['a.io', 'b.io'], ['a.io', 'c.io'], ['a.io'])).toEqual({
      ok: true,
      next: ['a.io', 'b.io', 'c.io'],
    });
  });

  it('applies a removal here and an addition elsewhere both', () => {
    expect(mergeSet(['a.io', 'b.io', 'c.io'], ['b.io'], ['a.io', 'b.io'])).toEqual({
      ok: true,
      next: ['b.io', 'c.io'],
    });
  });

  it('does not bring back an item removed elsewhere that this page did not touch', () => {
    expect(mergeSet(['b.io'], ['a.io', 'b.io', 'c.io'], ['a.io', 'b.io'])).toEqual({
      ok: true,
      next: ['b.io', 'c.io'],
    });
  });

  it('takes the same addition or removal made in both once', () => {
    expect(mergeSet(['a.io', 'c.io'], ['a.io', 'c.io'], ['a.io'])).toEqual({
      ok: true,
      next: ['a.io', 'c.io'],
    });
    expect(mergeSet([], [], ['a.io'])).toEqual({ ok: true, next: [] });
  });

  it('refuses a merge that would hold more items than allowed, rather than cut it', () => {
    expect(mergeSet(['a', 'b'], ['a', 'c'], ['a'], 2)).toEqual({ ok: false });
    expect(mergeSet(['a', 'b'], ['c'], ['a'], 2)).toEqual({ ok: true, next: ['b', 'c'] });
  });
});
