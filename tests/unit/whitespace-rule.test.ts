import { describe, expect, it } from 'vitest';
import { SUPPLIERS } from '@/utils/contract/enums';
import { isOpportunity } from '@/utils/shared/whitespace';

describe('whitespace opportunities', () => {
  it.each([
    ['us', false],
    ['competitor', true],
    ['in_house', false],
    ['not_needed', false],
    ['unknown', true],
  ] as const)('a cell supplied by %s is an opportunity: %s', (supplier, expected) => {
    expect(isOpportunity({ supplier })).toBe(expected);
  });

  it('has a case for every supplier', () => {
    expect(SUPPLIERS).toHaveLength(5);
  });
});
