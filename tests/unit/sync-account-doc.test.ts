/**
 * The shared account's Y.Doc mapping and the conflict rules of team sync: two browsers edit
 * offline, exchange their updates as Hocuspocus would relay them, and nothing is lost.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  applyLocalChanges,
  readAccountFromDoc,
  type AccountSnapshot,
} from '@/entrypoints/background/sync/account-doc';
import { textEdit } from '@/entrypoints/background/sync/text-diff';
import type {
  Decision,
  Objective,
  Person,
  StageChange,
  WhitespaceCell,
} from '@/utils/contract/model';

const NOW = Date.UTC(2026, 11, 5, 3, 0, 0);

function snapshot(): AccountSnapshot {
  return {
    account: {
      id: 'acme-0001',
      name: 'Acme Corp',
      domains: ['acme.com'],
      stage: 'tactical',
      potential: 'medium',
      profile: { goals: 'Grow in the EU.', painPoints: '', opportunities: '' },
      nextAction: { text: 'Call the CFO', due: '2026-12-10' },
      cadenceDays: null,
      crmRefs: [],
      createdAt: NOW - 1000,
      updatedAt: NOW - 500,
      revision: 3,
    },
    people: [person('p-ann', 'Ann Lee', 'Met at the summit.')],
    activities: [],
    decisions: [],
    stageChanges: [stageChange('s-0', null, 'tactical', NOW - 1000)],
    objectives: [],
    buyingUnits: [{ id: 'u-uk', accountId: 'acme-0001', name: 'UK operations', order: 0 }],
    whitespace: [cell('c-wh', 'off-wh', 'Harbour Storage holds it.')],
  };
}

function cell(id: string, offeringId: string, note = ''): WhitespaceCell {
  return {
    id,
    accountId: 'acme-0001',
    unitId: 'u-uk',
    offeringId,
    supplier: 'competitor',
    competitor: 'Harbour Storage',
    spend: 120000,
    currency: 'EUR',
    contractEnd: '2027-01-14',
    note,
    updatedAt: NOW - 1000,
  };
}

function objective(id: string, outcome: string): Objective {
  return {
    id,
    accountId: 'acme-0001',
    outcome,
    measure: '',
    target: '',
    due: null,
    status: 'on_track',
    statusAt: NOW,
    createdAt: NOW,
  };
}

function person(id: string, name: string, notes = ''): Person {
  return {
    id,
    accountId: 'acme-0001',
    name,
    emails: [`${id}@acme.com`],
    title: '',
    role: 'influencer',
    influence: 3,
    attitude: 'neutral',
    notes,
    lastContactAt: null,
  };
}

function decision(id: string, what: string): Decision {
  return {
    id,
    accountId: 'acme-0001',
    date: '2026-12-01',
    what,
    why: '',
    decidedBy: '',
    alternatives: '',
  };
}

function stageChange(
  id: string,
  from: StageChange['from'],
  to: StageChange['to'],
  at: number,
): StageChange {
  return { id, accountId: 'acme-0001', from, to, at, reason: '' };
}

/** Both browsers start from the same shared state, then go offline. */
function twoBrowsers() {
  const base = snapshot();
  const alice = new Y.Doc();
  applyLocalChanges(alice, null, base);
  const bob = new Y.Doc();
  Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
  return { base, alice, bob };
}

/** What the server relays on reconnect: each side's missing updates. */
function reconnect(a: Y.Doc, b: Y.Doc) {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

const read = (doc: Y.Doc, local: AccountSnapshot | null = null) => {
  const { snapshot: s, rejected } = readAccountFromDoc(doc, local, NOW);
  expect(rejected).toBe(0);
  return s!;
};

const edit = (base: AccountSnapshot, change: (s: AccountSnapshot) => void) => {
  const next = structuredClone(base);
  change(next);
  return next;
};

describe('the account doc mapping', () => {
  it('gives back the account it was given, with this browser keeping its own revision', () => {
    const base = snapshot();
    const doc = new Y.Doc();
    applyLocalChanges(doc, null, base);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(read(copy, base)).toEqual(base);
    // A new device has no local record: it starts at revision 1 and now.
    const fresh = read(copy);
    expect(fresh.account.revision).toBe(1);
    expect({ ...fresh.account, revision: 3, updatedAt: base.account.updatedAt }).toEqual(
      base.account,
    );
  });

  it('never sends a private note, and keeps it locally when the doc comes back', () => {
    const base = edit(snapshot(), (s) => {
      s.people[0]!.notes = 'PRIVATE: going through a divorce';
      s.people[0]!.notesPrivate = true;
    });
    const doc = new Y.Doc();
    applyLocalChanges(doc, null, base);
    const wire = new TextDecoder().decode(Y.encodeStateAsUpdate(doc));
    expect(wire).not.toContain('divorce');
    expect(wire).not.toContain('notesPrivate');
    const teammate = read(doc);
    expect(teammate.people[0]!.notes).toBe('');
    expect(read(doc, base).people[0]).toEqual(base.people[0]);
  });

  it('marking a shared note private takes it out of the doc', () => {
    const base = snapshot();
    const doc = new Y.Doc();
    applyLocalChanges(doc, null, base);
    const next = edit(base, (s) => (s.people[0]!.notesPrivate = true));
    applyLocalChanges(doc, base, next);
    expect(read(doc).people[0]!.notes).toBe('');
  });

  it('leaves out records that fail the schema instead of storing them', () => {
    const doc = new Y.Doc();
    applyLocalChanges(doc, null, snapshot());
    const bad = new Y.Map<unknown>();
    doc.getMap('people').set('p-bad', bad);
    bad.set('name', 'Mallory');
    bad.set('emails', ['not an email']);
    const result = readAccountFromDoc(doc, null, NOW);
    expect(result.rejected).toBe(1);
    expect(result.snapshot!.people.map((p) => p.id)).toEqual(['p-ann']);
  });

  it('a teammate’s cell on a unit of another account, or a link to its objective, is refused', () => {
    // Ids known from another account (one shared with them once): in this browser a cell on that
    // unit would be found by the other account's grid, and its edits written back to this doc.
    const doc = new Y.Doc();
    applyLocalChanges(
      doc,
      null,
      edit(snapshot(), (s) => {
        s.objectives.push(objective('o-own', 'Second site live'));
        s.decisions.push({ ...decision('d-own', 'Pilot'), objectiveId: 'o-own' });
      }),
    );
    const foreign = new Y.Map<unknown>();
    doc.getMap('whitespace').set('c-foreign', foreign);
    for (const [k, v] of Object.entries({ ...cell('c-foreign', 'off-wh'), unitId: 'u-globex' }))
      foreign.set(k, v);
    doc.getMap<Y.Map<unknown>>('decisions').get('d-own')!.set('objectiveId', 'o-globex');
    doc
      .getMap('account')
      .set('nextAction', { text: 'Call', due: '2026-12-10', objectiveId: 'o-globex' });
    const { snapshot: s, rejected } = readAccountFromDoc(doc, null, NOW);
    expect(rejected).toBe(1);
    expect(s!.whitespace.map((c) => c.id)).toEqual(['c-wh']);
    expect(s!.decisions[0]).not.toHaveProperty('objectiveId');
    expect(s!.account.nextAction).toEqual({ text: 'Call', due: '2026-12-10' });
  });

  it('a person deleted on one side is deleted on the other', () => {
    const { base, alice, bob } = twoBrowsers();
    applyLocalChanges(
      alice,
      base,
      edit(base, (s) => (s.people = [])),
    );
    reconnect(alice, bob);
    expect(read(bob).people).toEqual([]);
  });
});

describe('conflicts lose nothing', () => {
  it('concurrent edits to different fields both survive', () => {
    const { base, alice, bob } = twoBrowsers();
    applyLocalChanges(
      alice,
      base,
      edit(base, (s) => (s.account.potential = 'high')),
    );
    applyLocalChanges(
      bob,
      base,
      edit(base, (s) => {
        s.account.nextAction = { text: 'Send the EU offer', due: '2026-12-12' };
        s.people[0]!.title = 'CFO';
      }),
    );
    reconnect(alice, bob);
    for (const doc of [alice, bob]) {
      const s = read(doc);
      expect(s.account.potential).toBe('high');
      expect(s.account.nextAction).toEqual({ text: 'Send the EU offer', due: '2026-12-12' });
      expect(s.people[0]!.title).toBe('CFO');
    }
  });

  it('two people and two decisions added offline on two sides all survive', () => {
    const { base, alice, bob } = twoBrowsers();
    applyLocalChanges(
      alice,
      base,
      edit(base, (s) => {
        s.people.push(person('p-bo', 'Bo Chen'));
        s.decisions.push(decision('d-a', 'Chose our EU hosting'));
      }),
    );
    applyLocalChanges(
      bob,
      base,
      edit(base, (s) => {
        s.people.push(person('p-cy', 'Cy Diaz'));
        s.decisions.push(decision('d-b', 'Rejected the annual plan'));
      }),
    );
    reconnect(alice, bob);
    for (const doc of [alice, bob]) {
      const s = read(doc);
      expect(s.people.map((p) => p.id)).toEqual(['p-ann', 'p-bo', 'p-cy']);
      expect(s.decisions.map((d) => d.what)).toEqual([
        'Chose our EU hosting',
        'Rejected the annual plan',
      ]);
    }
  });

  it('the account plan: objectives and cells added on two sides survive, a cell note merges', () => {
    const { base, alice, bob } = twoBrowsers();
    applyLocalChanges(
      alice,
      base,
      edit(base, (s) => {
        s.objectives.push(objective('o-a', 'Second site live'));
        s.whitespace[0]!.note = 'Harbour Storage holds it. Renewal in January.';
      }),
    );
    applyLocalChanges(
      bob,
      base,
      edit(base, (s) => {
        s.objectives.push(objective('o-b', 'Transit times down 15%'));
        s.whitespace[0]!.note = 'Note: Harbour Storage holds it.';
        s.whitespace.push(cell('c-cu', 'off-cu'));
      }),
    );
    reconnect(alice, bob);
    for (const doc of [alice, bob]) {
      const s = read(doc);
      expect(s.objectives.map((o) => o.id)).toEqual(['o-a', 'o-b']);
      expect(s.whitespace.map((c) => c.id)).toEqual(['c-cu', 'c-wh']);
      expect(s.whitespace.find((c) => c.id === 'c-wh')!.note).toBe(
        'Note: Harbour Storage holds it. Renewal in January.',
      );
      expect(s.buyingUnits).toEqual(base.buyingUnits);
    }
  });

  it('a doc with more buying units than an account may hold is not trusted past the limit', () => {
    const { base, alice } = twoBrowsers();
    const units = alice.getMap<Y.Map<unknown>>('buyingUnits');
    alice.transact(() => {
      for (let i = 0; i < 40; i++) {
        const unit = new Y.Map<unknown>();
        unit.set('name', `Unit ${String(i).padStart(2, '0')}`);
        unit.set('order', i);
        units.set(`u-${String(i).padStart(2, '0')}`, unit);
      }
    });
    const { snapshot, rejected } = readAccountFromDoc(alice, base, NOW);
    expect(snapshot!.buyingUnits).toHaveLength(30);
    expect(rejected).toBe(41 - 30);
  });

  it('a teammate’s cell that fails the schema is left out, not stored', () => {
    const { base, alice } = twoBrowsers();
    applyLocalChanges(alice, null, base);
    const entry = alice.getMap<Y.Map<unknown>>('whitespace').get('c-wh')!;
    entry.set('supplier', 'everyone');
    const { snapshot, rejected } = readAccountFromDoc(alice, null, NOW);
    expect(rejected).toBe(1);
    expect(snapshot!.whitespace).toEqual([]);
  });

  it('two stage changes both stay in the history; the current stage is the later one', () => {
    const { base, alice, bob } = twoBrowsers();
    // Bob's change is the later one, but Alice's browser writes last: time decides, not order.
    applyLocalChanges(
      bob,
      base,
      edit(base, (s) => {
        s.account.stage = 'interdependent';
        s.stageChanges.push(stageChange('s-bob', 'tactical', 'interdependent', NOW + 2000));
      }),
    );
    applyLocalChanges(
      alice,
      base,
      edit(base, (s) => {
        s.account.stage = 'cooperative';
        s.stageChanges.push(stageChange('s-alice', 'tactical', 'cooperative', NOW + 1000));
      }),
    );
    reconnect(alice, bob);
    for (const doc of [alice, bob]) {
      const s = read(doc);
      expect(s.stageChanges.map((c) => c.id).sort()).toEqual(['s-0', 's-alice', 's-bob']);
      expect(s.account.stage).toBe('interdependent');
    }
  });

  it('concurrent edits to the same notes merge as text', () => {
    const { base, alice, bob } = twoBrowsers();
    applyLocalChanges(
      alice,
      base,
      edit(base, (s) => {
        s.people[0]!.notes = 'Met at the summit. Budget approved in Q3.';
        s.account.profile.goals = 'Grow in the EU and the UK.';
      }),
    );
    applyLocalChanges(
      bob,
      base,
      edit(base, (s) => {
        s.people[0]!.notes = 'Prefers calls. Met at the summit.';
        s.account.profile.goals = 'Grow in the EU. Keep churn low.';
      }),
    );
    reconnect(alice, bob);
    const a = read(alice);
    expect(read(bob)).toEqual(a);
    expect(a.people[0]!.notes).toBe('Prefers calls. Met at the summit. Budget approved in Q3.');
    expect(a.account.profile.goals).toBe('Grow in the EU and the UK. Keep churn low.');
  });

  it('a field not changed here does not overwrite a teammate’s edit made meanwhile', () => {
    const { base, alice, bob } = twoBrowsers();
    applyLocalChanges(
      bob,
      base,
      edit(base, (s) => (s.account.name = 'Acme Group')),
    );
    reconnect(alice, bob);
    // Alice's store has not caught up with Bob's rename yet when she edits the potential.
    applyLocalChanges(
      alice,
      base,
      edit(base, (s) => (s.account.potential = 'low')),
    );
    reconnect(alice, bob);
    expect(read(bob).account.name).toBe('Acme Group');
    expect(read(bob).account.potential).toBe('low');
  });
});

describe('textEdit', () => {
  it('replaces only the middle, and never splits an emoji', () => {
    expect(textEdit('abc', 'abc')).toBeNull();
    expect(textEdit('Met CFO.', 'Met the CFO.')).toEqual({ index: 4, remove: 0, insert: 'the ' });
    expect(textEdit('a😀b', 'a😃b')).toEqual({ index: 1, remove: 2, insert: '😃' });
    expect(textEdit('', 'new')).toEqual({ index: 0, remove: 0, insert: 'new' });
    expect(textEdit('old', '')).toEqual({ index: 0, remove: 3, insert: '' });
  });
});
