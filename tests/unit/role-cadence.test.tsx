// The options page's cadence per role: a bad value is refused next to its field and nothing is
// sent; a good one is saved as a patch of that role alone; an empty field stops following it.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { RoleCadenceGroup } from '@/entrypoints/options/cadence-groups';
import { DEFAULT_SETTINGS } from '@/utils/contract/settings';
import type { Envelope } from '@/utils/contract/messages';
import { speak } from './fake-i18n';

let host: HTMLElement;
let sent: Envelope[];
beforeEach(() => {
  speak();
  sent = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (m: Envelope) => {
    sent.push(m);
    return { ok: true, data: true };
  }) as never);
  host = document.createElement('div');
  document.body.append(host);
});
afterEach(() => {
  render(null, host);
  host.remove();
  vi.restoreAllMocks();
});

const settle = () =>
  act(async () => {
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
  });
function change(selector: string, value: string) {
  act(() => {
    const input = host.querySelector<HTMLInputElement>(selector)!;
    input.value = value;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('the cadence per role', () => {
  it('shows every role with its default, the unknown role not followed', () => {
    act(() => render(<RoleCadenceGroup settings={DEFAULT_SETTINGS} />, host));
    expect(host.querySelector<HTMLInputElement>('#role-cadence-champion')!.value).toBe('14');
    expect(host.querySelector<HTMLInputElement>('#role-cadence-decision_maker')!.value).toBe('30');
    expect(host.querySelector<HTMLInputElement>('#role-cadence-unknown')!.value).toBe('');
    expect(host.querySelector('#role-cadence-unknown-default')!.textContent).toBe('Not followed');
    // "days" is not shown after the "Not followed" placeholder, only after a number.
    const unit = (role: string) =>
      host.querySelector(`#role-cadence-${role}`)!.parentElement!.querySelector('.unit')!;
    expect(unit('unknown').classList.contains('off')).toBe(true);
    expect(unit('champion').classList.contains('off')).toBe(false);
  });

  it('hides "days" once a field is emptied, and shows it again when a number is typed', () => {
    act(() => render(<RoleCadenceGroup settings={DEFAULT_SETTINGS} />, host));
    const input = host.querySelector<HTMLInputElement>('#role-cadence-user')!;
    const unit = input.parentElement!.querySelector('.unit')!;
    const type = (value: string) =>
      act(() => {
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    // The unit describes the field to a screen reader only while it is shown.
    const described = () => input.getAttribute('aria-describedby')!.split(' ');
    expect(described()).toEqual([unit.id, 'role-cadence-user-default']);
    type('');
    expect(unit.classList.contains('off')).toBe(true);
    expect(described()).toEqual(['role-cadence-user-default']);
    type('9');
    expect(unit.classList.contains('off')).toBe(false);
    expect(described()).toEqual(['role-cadence-user-unit', 'role-cadence-user-default']);
  });

  it('refuses a bad value next to its field and sends nothing; saves a good one and an empty one', async () => {
    act(() => render(<RoleCadenceGroup settings={DEFAULT_SETTINGS} />, host));
    // Letters never reach the value of a number field; the browser reports them as badInput.
    for (const bad of ['0', '400', '2.5', '-3']) {
      change('#role-cadence-champion', bad);
      expect(host.querySelector('#role-cadence-champion-error')?.textContent, bad).toBe(
        'Enter a whole number of days from 1 to 365.',
      );
    }
    expect(sent).toEqual([]);
    change('#role-cadence-champion', '7');
    await settle();
    change('#role-cadence-user', '');
    await settle();
    expect(sent.map((m) => [m.name, m.request])).toEqual([
      [
        'updateSettings',
        {
          roleCadenceDays: { champion: 7 },
          base: { roleCadenceDays: { champion: DEFAULT_SETTINGS.roleCadenceDays.champion } },
        },
      ],
      [
        'updateSettings',
        {
          roleCadenceDays: { user: null },
          base: { roleCadenceDays: { user: DEFAULT_SETTINGS.roleCadenceDays.user } },
        },
      ],
    ]);
    expect(host.querySelector('#role-cadence-champion-error')).toBeNull();
  });
});
