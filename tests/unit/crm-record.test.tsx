// CRM records in the sidebar: the automatic link of a matched record, the offer to create or link
// an account on a record that matches none, and "Open in <CRM>" from an account's records.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Sidebar } from '@/components/sidebar';
import { accountFromRecord, RecordOffer, recordsToOpen } from '@/components/crm-record';
import type { SidebarProps, SidebarState } from '@/components/sidebar-types';
import { autoLinkRequest, recordKey } from '@/entrypoints/sidebar/crm-link';
import type { AccountView, ContextResult, HostContext } from '@/utils/contract/messages';
import type { Account, CrmRef } from '@/utils/contract/model';
import { fakeSend, PLAIN_LINES } from './fake-send';
import { speak } from './fake-i18n';

beforeEach(() => {
  speak();
});

let host: HTMLElement | null = null;
afterEach(() => {
  if (host) {
    render(null, host);
    host.remove();
    host = null;
  }
  vi.restoreAllMocks();
});

const LEAD: CrmRef = {
  system: 'salesforce',
  recordType: 'lead',
  recordId: '00QDp00000FzPshMAF',
  url: 'https://brightwave.lightning.force.com/lightning/r/Lead/00QDp00000FzPshMAF/view',
};

const HUBSPOT_COMPANY: CrmRef = {
  system: 'hubspot',
  recordType: 'company',
  recordId: '18346251907',
  url: 'https://app-eu1.hubspot.com/contacts/26491733/record/0-2/18346251907',
};

function leadContext(patch: Partial<HostContext> = {}): HostContext {
  return {
    host: 'salesforce',
    url: `${LEAD.url}?ws=%2Flightning%2Fo%2FLead%2Flist`,
    participants: [{ email: 'priya.shah@initech-systems.com', name: 'Priya Shah' }],
    domains: ['www.initech-systems.com'],
    names: ['Initech Systems'],
    crmRef: LEAD,
    ...patch,
  };
}

const PRIYA: ContextResult['unknown'][number] = {
  email: 'priya.shah@initech-systems.com',
  name: 'Priya Shah',
  domain: 'initech-systems.com',
  freeMail: false,
};

function account(patch: Partial<Account> = {}): Account {
  return {
    id: 'acc-globex',
    name: 'Globex',
    domains: ['globex.com'],
    stage: 'strategic',
    potential: 'medium',
    profile: { goals: '', painPoints: '', opportunities: '' },
    nextAction: null,
    cadenceDays: null,
    crmRefs: [],
    createdAt: 1,
    updatedAt: 1,
    revision: 1,
    ...patch,
  };
}

function view(patch: Partial<Account> = {}): AccountView & {
  matchedBy: 'domain';
  threadEmails: string[];
} {
  return {
    account: account(patch),
    people: [],
    activities: [],
    decisions: [],
    stageChanges: [],
    objectives: [],
    lastTouchedAt: null,
    ...PLAIN_LINES,
    matchedBy: 'domain',
    threadEmails: [],
  };
}

function result(patch: Partial<ContextResult> = {}): ContextResult {
  return { matches: [], unknown: [], dueCount: 0, ...patch };
}

/** The shared recording send, with one account to find when searched. */
const sendFinding = () =>
  fakeSend({
    searchAccounts: () => [{ id: 'acc-globex', name: 'Globex', domains: ['globex.com'] }],
  });

async function mount(props: Partial<SidebarProps> & { state: SidebarState }) {
  host = document.createElement('div');
  document.body.append(host);
  const full: SidebarProps = {
    send: sendFinding().send,
    side: 'right',
    layout: { collapsed: false, width: 320 },
    onLayout: vi.fn(),
    onRefresh: vi.fn(),
    ...props,
  };
  await act(() => render(<Sidebar {...full} />, host!));
  return full;
}

const testIds = (id: string) => [...host!.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
const testId = (id: string) => testIds(id)[0] ?? null;

async function click(el: Element | null) {
  expect(el, 'element to click').not.toBeNull();
  await act(() => (el as HTMLElement).click());
}

describe('autoLinkRequest', () => {
  it('links a record that resolved to exactly one account, without the domains it shows', () => {
    // No click asks for it: a record anyone can edit must not add its domain to the client.
    const context = leadContext();
    expect(context.domains).toEqual(['www.initech-systems.com']);
    expect(autoLinkRequest(context, result({ matches: [view()] }))).toEqual({
      accountId: 'acc-globex',
      crmRef: LEAD,
      domains: [],
    });
  });

  it('does not link a record found by the company name alone', () => {
    const byName = { ...view(), matchedBy: 'name' as const };
    expect(autoLinkRequest(leadContext(), result({ matches: [byName as never] }))).toBeNull();
  });

  it('asks nothing on a thread, on several matches or on none', () => {
    const thread = leadContext({ crmRef: undefined });
    expect(autoLinkRequest(thread, result({ matches: [view()] }))).toBeNull();
    const two = [view(), view({ id: 'acc-other', name: 'Other' })];
    expect(autoLinkRequest(leadContext(), result({ matches: two }))).toBeNull();
    expect(autoLinkRequest(leadContext(), result())).toBeNull();
  });

  it('keys a record by its system, type and id, whatever URL opened it', () => {
    expect(recordKey(leadContext())).toBe('salesforce:lead:00QDp00000FzPshMAF');
    expect(recordKey(leadContext({ url: LEAD.url }))).toBe(recordKey(leadContext()));
    expect(recordKey(leadContext({ crmRef: undefined }))).toBeNull();
  });
});

describe('accountFromRecord', () => {
  it("takes the record's company name, its domains without www., the record and its people", () => {
    expect(accountFromRecord(leadContext(), [PRIYA])).toEqual({
      name: 'Initech Systems',
      domains: ['initech-systems.com'],
      crmRef: LEAD,
      people: [{ name: 'Priya Shah', email: 'priya.shah@initech-systems.com' }],
    });
  });

  it("falls back to a name from the domain, and to the people's company domains", () => {
    const noName = accountFromRecord(leadContext({ names: [] }), [PRIYA]);
    expect(noName?.name).toBe('Initech Systems');
    const bare = accountFromRecord(leadContext({ names: [], domains: [] }), [
      { ...PRIYA, name: '' },
      { email: 'priya@gmail.com', name: 'Priya', domain: 'gmail.com', freeMail: true },
    ]);
    expect(bare).toMatchObject({
      name: 'Initech Systems',
      domains: ['initech-systems.com'],
      people: [
        { name: 'priya.shah', email: 'priya.shah@initech-systems.com' },
        { name: 'Priya', email: 'priya@gmail.com' },
      ],
    });
  });

  it('offers nothing to create when the record names no company and shows no company domain', () => {
    const freeMail = { email: 'p@gmail.com', name: 'P', domain: 'gmail.com', freeMail: true };
    expect(accountFromRecord(leadContext({ names: [], domains: [] }), [freeMail])).toBeNull();
    expect(accountFromRecord(leadContext({ crmRef: undefined }), [PRIYA])).toBeNull();
  });
});

describe('the sidebar on a CRM record that matches no account', () => {
  const state = (): SidebarState => ({
    status: 'ready',
    context: leadContext(),
    result: result({ unknown: [PRIYA] }),
  });

  it('creates the account from the record in one click, then re-reads the page', async () => {
    const { send, calls } = sendFinding();
    const props = await mount({ state: state(), send, recordOffer: RecordOffer });
    expect(testId('record-name')?.textContent).toBe('Initech Systems');
    // The record's people come along; no separate per-sender proposal competes with it.
    expect(testIds('create-account')).toHaveLength(0);
    await click(testId('create-from-record'));
    expect(calls).toEqual([
      {
        name: 'createAccount',
        request: {
          name: 'Initech Systems',
          domains: ['initech-systems.com'],
          crmRef: LEAD,
          people: [{ name: 'Priya Shah', email: 'priya.shah@initech-systems.com' }],
        },
      },
    ]);
    expect(props.onRefresh).toHaveBeenCalled();
  });

  it('links the record to an account found by search', async () => {
    vi.useFakeTimers();
    try {
      const { send, calls } = sendFinding();
      await mount({ state: state(), send, recordOffer: RecordOffer });
      await click(testId('link-record'));
      const box = host!.querySelector<HTMLInputElement>('input[type="search"]');
      await act(() => {
        box!.value = 'glo';
        box!.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(250);
      });
      await click(host!.querySelector('.rp-result'));
      expect(calls.map((c) => c.name)).toEqual(['searchAccounts', 'linkCrmRecord']);
      expect(calls[1]?.request).toEqual({
        accountId: 'acc-globex',
        crmRef: LEAD,
        domains: ['www.initech-systems.com'],
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('without the offer (a script that does not pass it) falls back to the unknown senders', async () => {
    await mount({ state: state() });
    expect(testId('record-offer')).toBeNull();
    expect(testIds('create-account')).toHaveLength(1);
  });
});

describe('Open in <CRM>', () => {
  const ready = (crmRefs: CrmRef[], context: HostContext): SidebarState => ({
    status: 'ready',
    context,
    result: result({ matches: [view({ crmRefs })] }),
  });
  const thread: HostContext = {
    host: 'gmail',
    url: 'https://mail.google.com/mail/u/0/#inbox/abc',
    participants: [{ email: 'h.scorpio@globex.com', name: 'Hank Scorpio' }],
    domains: [],
    names: [],
    thread: { id: 'abc', subject: 'QBR' },
  };

  it('links each CRM record of the account in a new tab, https only', async () => {
    const hostile = { ...LEAD, system: 'pipedrive' as const, url: 'javascript:alert(1)' };
    await mount({ state: ready([HUBSPOT_COMPANY, LEAD, hostile], thread) });
    const links = testIds('open-in-crm') as HTMLAnchorElement[];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Open in HubSpot', HUBSPOT_COMPANY.url],
      ['Open in Salesforce', LEAD.url],
    ]);
    for (const a of links) {
      expect(a.target).toBe('_blank');
      expect(a.rel).toContain('noopener');
    }
  });

  it('does not link the record open on the page to itself', async () => {
    await mount({ state: ready([HUBSPOT_COMPANY, LEAD], leadContext()) });
    expect(testIds('open-in-crm').map((a) => a.textContent)).toEqual(['Open in HubSpot']);
  });

  it("prefers a CRM's company-level record, else the one linked last", () => {
    const contact: CrmRef = { ...HUBSPOT_COMPANY, recordType: 'contact', recordId: '1' };
    const deal: CrmRef = { ...HUBSPOT_COMPANY, recordType: 'deal', recordId: '2' };
    expect(recordsToOpen([contact, HUBSPOT_COMPANY, deal])).toEqual([HUBSPOT_COMPANY]);
    expect(recordsToOpen([contact, deal])).toEqual([deal]);
  });
});
