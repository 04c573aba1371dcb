/**
 * The account page's forms as plain data: what the user typed (strings), checked field by field
 * into the request the background expects, or into one problem per field to show beside it.
 */
import type { RequestOf } from '@/utils/contract/messages';
import { Email } from '@/utils/schemas/model';
import type { Account, Person } from '@/utils/contract/model';
import type { Potential } from '@/utils/contract/enums';
import { cleanDomain } from './csv-values';
import { parseCadence } from './settings-input';
import type { Problem } from '@/utils/shared/problem';
import { MAX_ACCOUNT_DOMAINS } from '@/utils/contract/limits';
import { showDomains } from '@/utils/shared/idn';

export const NAME_MAX = 200;
export const LONG_MAX = 20_000;

export interface AccountDraft {
  name: string;
  /** Domains as typed: separated by commas, semicolons, spaces or new lines. */
  domains: string;
  potential: Potential;
  /** Days between follow-ups; empty means the stage's default. */
  cadence: string;
  goals: string;
  painPoints: string;
  opportunities: string;
}

export function draftOf(a: Account): AccountDraft {
  return {
    name: a.name,
    domains: showDomains(a.domains),
    potential: a.potential,
    cadence: a.cadenceDays === null ? '' : String(a.cadenceDays),
    goals: a.profile.goals,
    painPoints: a.profile.painPoints,
    opportunities: a.profile.opportunities,
  };
}

export type FieldProblems<K extends string> = Partial<Record<K, Problem>>;

type Patch = RequestOf<'updateAccount'>['patch'];

export function splitList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function accountPatch(
  draft: AccountDraft,
): { ok: true; patch: Patch } | { ok: false; problems: FieldProblems<keyof AccountDraft> } {
  const problems: FieldProblems<keyof AccountDraft> = {};
  const name = draft.name.trim();
  if (!name) problems.name = { key: 'accountsNameRequired' };
  else if (name.length > NAME_MAX) problems.name = { key: 'accountsTooLong', subs: [NAME_MAX] };

  const domains: string[] = [];
  for (const raw of splitList(draft.domains)) {
    const d = cleanDomain(raw);
    if (!d) {
      problems.domains = { key: 'accountsBadDomain', subs: [raw] };
      break;
    }
    if (!domains.includes(d)) domains.push(d);
  }
  if (domains.length > MAX_ACCOUNT_DOMAINS)
    problems.domains = { key: 'accountsTooManyDomains', subs: [MAX_ACCOUNT_DOMAINS] };

  let cadenceDays: number | null = null;
  if (draft.cadence.trim() !== '') {
    const c = parseCadence(draft.cadence);
    if (c.ok) cadenceDays = c.days;
    else problems.cadence = c.problem;
  }
  for (const field of ['goals', 'painPoints', 'opportunities'] as const) {
    if (draft[field].length > LONG_MAX)
      problems[field] = { key: 'accountsTooLong', subs: [LONG_MAX] };
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    patch: {
      name,
      domains,
      potential: draft.potential,
      cadenceDays,
      profile: {
        goals: draft.goals,
        painPoints: draft.painPoints,
        opportunities: draft.opportunities,
      },
    },
  };
}

export interface PersonDraft {
  name: string;
  emails: string;
  title: string;
  role: Person['role'];
  influence: string;
  attitude: Person['attitude'];
  notes: string;
}

export function personDraftOf(p: Person | null): PersonDraft {
  return {
    name: p?.name ?? '',
    emails: p?.emails.join(', ') ?? '',
    title: p?.title ?? '',
    role: p?.role ?? 'unknown',
    influence: String(p?.influence ?? 3),
    attitude: p?.attitude ?? 'neutral',
    notes: p?.notes ?? '',
  };
}

export function personRequest(
  draft: PersonDraft,
  accountId: string,
  id: string | undefined,
):
  | { ok: true; request: RequestOf<'upsertPerson'> }
  | { ok: false; problems: FieldProblems<keyof PersonDraft> } {
  const problems: FieldProblems<keyof PersonDraft> = {};
  const name = draft.name.trim();
  if (!name) problems.name = { key: 'accountsNameRequired' };
  else if (name.length > NAME_MAX) problems.name = { key: 'accountsTooLong', subs: [NAME_MAX] };
  const emails: string[] = [];
  for (const raw of splitList(draft.emails)) {
    const parsed = Email.safeParse(raw);
    if (!parsed.success) {
      problems.emails = { key: 'accountsBadEmail', subs: [raw] };
      break;
    }
    if (!emails.includes(parsed.data)) emails.push(parsed.data);
  }
  if (draft.title.length > NAME_MAX) problems.title = { key: 'accountsTooLong', subs: [NAME_MAX] };
  if (draft.notes.length > LONG_MAX) problems.notes = { key: 'accountsTooLong', subs: [LONG_MAX] };
  const influence = Number(draft.influence);
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    request: {
      ...(id ? { id } : {}),
      accountId,
      name,
      emails,
      title: draft.title.trim(),
      role: draft.role,
      influence: Number.isInteger(influence) && influence >= 1 && influence <= 5 ? influence : 3,
      attitude: draft.attitude,
      notes: draft.notes,
    },
  };
}

/** The instant a follow-up logged for `day` is stored at: now for today, local noon otherwise. */
export function instantOf(day: string, now: number = Date.now()): number {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(y!, m! - 1, d!, 12);
  const today = new Date(now);
  const sameDay = today.getFullYear() === y && today.getMonth() === m! - 1 && today.getDate() === d;
  return sameDay ? now : date.getTime();
}
