/** The docked sidebar's width: the user's choice within bounds, never over 30% of the window. */
import { describe, expect, it } from 'vitest';
import {
  defaultWidthFor,
  MAX_SHARE,
  MIN_WIDTH,
  maxWidthFor,
  panelWidth,
  readLayout,
} from '@/utils/contract/dock-layout';

const WINDOWS = [800, 1024, 1280, 1440, 1920, 2560, 3840];

describe('panelWidth', () => {
  it.each(WINDOWS)('never takes more than 30%% of a %i px window', (w) => {
    for (const chosen of [null, 0, 100, 240, 320, 400, 560, 5000]) {
      expect(panelWidth(chosen, w)).toBeLessThanOrEqual(Math.floor(w * MAX_SHARE));
    }
  });

  it('scales the default with the window: a quarter of it, up to 360', () => {
    expect(defaultWidthFor(800)).toBe(MIN_WIDTH);
    expect(defaultWidthFor(1024)).toBe(256);
    expect(defaultWidthFor(1280)).toBe(320);
    expect(defaultWidthFor(1440)).toBe(360);
    expect(defaultWidthFor(1920)).toBe(360);
  });

  it('keeps a chosen width within bounds', () => {
    expect(panelWidth(100, 1920)).toBe(MIN_WIDTH);
    expect(panelWidth(420, 1920)).toBe(420);
    expect(panelWidth(420, 1024)).toBe(maxWidthFor(1024));
    expect(maxWidthFor(1024)).toBe(307);
  });
});

describe('readLayout', () => {
  it('reads a stored layout field by field', () => {
    expect(readLayout({ collapsed: true, width: 400, at: 5 }, false)).toEqual({
      collapsed: true,
      width: 400,
    });
    expect(readLayout({ width: 'wide' }, true)).toEqual({ collapsed: true, width: null });
    expect(readLayout(null, false)).toEqual({ collapsed: false, width: null });
    expect(readLayout({ collapsed: 'yes', width: 99999 }, false)).toEqual({
      collapsed: false,
      width: 560,
    });
  });
});
