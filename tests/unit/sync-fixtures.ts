/** An account as the sync layer moves it: a bare one, with nothing but its own record. */
import type { AccountSnapshot } from '@/entrypoints/background/sync/account-doc';

/** "Acme Corp" at its first revision, with no people, records or plan. A fresh copy each call. */
export function bareSnapshot(id: string): AccountSnapshot {
  return {
    account: {
      id,
      name: 'Acme Corp',
      domains: ['acme.com'],
      stage: 'tactical',
      potential: 'medium',
      profile: { goals: '', painPoints: '', opportunities: '' },
      nextAction: null,
      cadenceDays: null,
      crmRefs: [],
      createdAt: 1,
      updatedAt: 1,
      revision: 1,
    },
    people: [],
    activities: [],
    decisions: [],
    stageChanges: [],
    objectives: [],
    buyingUnits: [],
    whitespace: [],
  };
}

/** A person of `accountId` with nothing known but the name. */
export function namedPerson(accountId: string, id: string, name: string) {
  return {
    id,
    accountId,
    name,
    emails: [],
    title: '',
    role: 'unknown' as const,
    influence: 3,
    attitude: 'neutral' as const,
    notes: '',
    notesPrivate: false,
    lastContactAt: null,
  };
}

/** The names of an account's people, sorted: what each side of a merge is compared by. */
export const peopleNames = (s: AccountSnapshot | null) =>
  (s?.people ?? []).map((p) => p.name).sort();
