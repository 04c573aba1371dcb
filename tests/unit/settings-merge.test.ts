import { describe, expect, it } from 'vitest';
import { freshContext, ok } from './helpers';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/contract/settings';
import { MAX_OWN_DOMAINS } from '@/utils/contract/limits';
import { baseOf, mergeSettings } from '@/utils/shared/settings-merge';

const read: Settings = {
  ...DEFAULT_SETTINGS,
  cadenceDays: { ...DEFAULT_SETTINGS.cadenceDays },
  reminders: { enabled: true, time: '09:00' },
};

describe('baseOf', () => {
  it('takes, for each setting a patch changes, the value the page shows; one stage or role only', () => {
    expect(
      baseOf(read, {
        sidebarSide: 'left',
        cadenceDays: { strategic: 5 },
        reminders: { enabled: false, time: '09:00' },
      }),
    ).toEqual({
      sidebarSide: 'right',
      cadenceDays: { strategic: read.cadenceDays.strategic },
      reminders: { enabled: true, time: '09:00' },
    });
  });
});

describe('mergeSettings', () => {
  it('merges changes to different settings, and to different stages of the cadence', () => {
    // Saved meanwhile elsewhere: the side and the strategic cadence.
    const now: Settings = {
      ...read,
      sidebarSide: 'left',
      cadenceDays: { ...read.cadenceDays, strategic: 9 },
    };
    const patch = { startCollapsed: true, cadenceDays: { tactical: 12 } };
    const r = mergeSettings(now, patch, baseOf(read, patch));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.next).toMatchObject({
      sidebarSide: 'left',
      startCollapsed: true,
      cadenceDays: { strategic: 9, tactical: 12 },
    });
  });

  it('refuses the same setting changed since it was read, with both values, and applies nothing', () => {
    const now: Settings = { ...read, cadenceDays: { ...read.cadenceDays, strategic: 9 } };
    const patch = { startCollapsed: true, cadenceDays: { strategic: 5 } };
    const r = mergeSettings(now, patch, baseOf(read, patch));
    expect(r).toEqual({
      ok: false,
      conflicts: [{ field: 'cadenceDays.strategic', mine: 5, theirs: 9 }],
    });
  });

  it('merges the reminders switch and time one by one', () => {
    const now: Settings = { ...read, reminders: { enabled: false, time: '09:00' } };
    const patch = { reminders: { enabled: true, time: '10:30' } };
    // Read when both were as `read`: the switch was turned off elsewhere; only the time changed here.
    const r = mergeSettings(now, patch, { reminders: { enabled: true, time: '09:00' } });
    expect(r).toMatchObject({
      ok: false,
      conflicts: [{ field: 'reminders.enabled', mine: true, theirs: false }],
    });
    const timeOnly = mergeSettings(
      now,
      { reminders: { enabled: false, time: '10:30' } },
      {
        reminders: { enabled: false, time: '09:00' },
      },
    );
    expect(timeOnly).toMatchObject({
      ok: true,
      next: { reminders: { enabled: false, time: '10:30' } },
    });
  });

  it('applies a write without a base as it is (a script setting things up)', () => {
    const r = mergeSettings(read, { ownDomains: ['brightwave.io'] }, undefined);
    expect(r).toMatchObject({ ok: true, next: { ownDomains: ['brightwave.io'] } });
  });
});

describe('updateSettings', () => {
  it('keeps both changes of two pages that read the same settings and changed different ones', async () => {
    const t = await freshContext();
    const shown = structuredClone(t.getSettings());
    const popup = { sidebarSide: 'left' as const };
    const options = { cadenceDays: { strategic: 5 } };
    // Sent at once: the worker takes them one after the other, each merged over the other.
    const [a, b] = await Promise.all([
      t.send('updateSettings', { ...popup, base: baseOf(shown, popup) }),
      t.send('updateSettings', { ...options, base: baseOf(shown, options) }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect(t.getSettings()).toMatchObject({ sidebarSide: 'left', cadenceDays: { strategic: 5 } });
  });

  it('answers a conflict for the same setting changed in both, and keeps the first change', async () => {
    const t = await freshContext();
    const shown = structuredClone(t.getSettings());
    const was = shown.cadenceDays.strategic;
    const first = { cadenceDays: { strategic: 9 } };
    const second = { cadenceDays: { strategic: 5 }, startCollapsed: true };
    await ok(t.send('updateSettings', { ...first, base: baseOf(shown, first) }));
    const r = await t.send('updateSettings', { ...second, base: baseOf(shown, second) });
    expect(r).toMatchObject({
      ok: false,
      code: 'conflict',
      conflicts: [{ field: 'cadenceDays.strategic', mine: 5, theirs: 9 }],
    });
    expect(was).not.toBe(9);
    // Nothing of the refused write applied, the other field included.
    expect(t.getSettings()).toMatchObject({
      cadenceDays: { strategic: 9 },
      startCollapsed: false,
    });
    // Keep mine: the same change, based on what is saved now, goes through.
    await ok(
      t.send('updateSettings', {
        ...second,
        base: { ...baseOf(shown, second), cadenceDays: { strategic: 9 } },
      }),
    );
    expect(t.getSettings()).toMatchObject({
      cadenceDays: { strategic: 5 },
      startCollapsed: true,
    });
  });

  it('keeps both own domains added by two pages that read the same list', async () => {
    const t = await freshContext();
    await ok(t.send('updateSettings', { ownDomains: ['brightwave.io'] }));
    const shown = structuredClone(t.getSettings());
    const popup = { ownDomains: [...shown.ownDomains, 'acme.io'] };
    const options = { ownDomains: [...shown.ownDomains, 'globex.com'] };
    await ok(t.send('updateSettings', { ...popup, base: baseOf(shown, popup) }));
    await ok(t.send('updateSettings', { ...options, base: baseOf(shown, options) }));
    expect(t.getSettings().ownDomains).toEqual(['brightwave.io', 'acme.io', 'globex.com']);
  });

  it('applies a removal in one page and an addition in another, for domains and sites', async () => {
    const t = await freshContext();
    await ok(
      t.send('updateSettings', {
        ownDomains: ['brightwave.io', 'old.io'],
        disabledHosts: ['gmail'],
      }),
    );
    const shown = structuredClone(t.getSettings());
    const removes = { ownDomains: ['brightwave.io'], disabledHosts: [] };
    const adds = {
      ownDomains: [...shown.ownDomains, 'acme.io'],
      disabledHosts: [...shown.disabledHosts, 'outlook' as const],
    };
    await ok(t.send('updateSettings', { ...removes, base: baseOf(shown, removes) }));
    await ok(t.send('updateSettings', { ...adds, base: baseOf(shown, adds) }));
    expect(t.getSettings()).toMatchObject({
      ownDomains: ['brightwave.io', 'acme.io'],
      disabledHosts: ['outlook'],
    });
  });

  it('answers a conflict when the additions of both pages together exceed the most own domains', async () => {
    const t = await freshContext();
    const full = Array.from({ length: MAX_OWN_DOMAINS - 1 }, (_, i) => `d${i}.io`);
    await ok(t.send('updateSettings', { ownDomains: full }));
    const shown = structuredClone(t.getSettings());
    const first = { ownDomains: [...full, 'acme.io'] };
    const second = { ownDomains: [...full, 'globex.com'] };
    await ok(t.send('updateSettings', { ...first, base: baseOf(shown, first) }));
    const r = await t.send('updateSettings', { ...second, base: baseOf(shown, second) });
    expect(r).toMatchObject({
      ok: false,
      code: 'conflict',
      conflicts: [{ field: 'ownDomains', mine: second.ownDomains, theirs: first.ownDomains }],
    });
    expect(t.getSettings().ownDomains).toEqual(first.ownDomains);
  });

  it('refuses a base that is not settings', async () => {
    const t = await freshContext();
    const r = await t.send('updateSettings', {
      sidebarSide: 'left',
      base: { sidebarSide: 'up' },
    } as never);
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(t.getSettings().sidebarSide).toBe('right');
  });
});
