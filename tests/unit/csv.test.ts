// CSV import and export of accounts and people (utils/page/csv.ts): what is read, what is refused
// and on which line, and that exported cells cannot run as spreadsheet formulas.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  accountsFromCsv,
  accountsToCsv,
  canonicalHeader,
  cleanDomain,
  csvBackup,
  neutraliseCell,
  parseAttitude,
  parsePotential,
  parseRole,
  parseStage,
  peopleFromCsv,
  readCsv,
  restoreCell,
  type ImportContext,
} from '@/utils/page/csv';
import { Backup } from '@/utils/schemas/requests';
import type { Account, Person } from '@/utils/contract/model';

const NOW = Date.UTC(2026, 10, 28, 12);

function context(accounts: Account[] = [], people: Person[] = []): ImportContext {
  let n = 0;
  return { accounts, people, now: NOW, newId: () => `new-${++n}` };
}

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
    revision: 3,
    ...patch,
  };
}

function person(patch: Partial<Person> = {}): Person {
  return {
    id: 'per-hank',
    accountId: 'acc-globex',
    name: 'Hank Scorpio',
    emails: ['h.scorpio@globex.com'],
    title: 'COO',
    role: 'decision_maker',
    influence: 5,
    attitude: 'supporter',
    notes: '',
    lastContactAt: null,
    ...patch,
  };
}

const keys = (problems: { key: string }[]) => problems.map((p) => p.key);
const lines = (problems: { line: number }[]) => problems.map((p) => p.line);

describe('reading the header', () => {
  it('matches column names in any case, order and spacing', () => {
    const text =
      ' Potential ,NAME,Next Action-Due,next_action,Stage,domains\nhigh,Acme,2026-12-01,Call,Strategic,acme.com\n';
    const r = accountsFromCsv(text, context());
    expect(r.fatal).toBeNull();
    expect(r.invalid).toEqual([]);
    expect(r.records[0]?.record).toMatchObject({
      name: 'Acme',
      potential: 'high',
      stage: 'strategic',
      domains: ['acme.com'],
      nextAction: { text: 'Call', due: '2026-12-01' },
    });
  });

  it('warns about unknown columns and ignores them', () => {
    const r = accountsFromCsv('name,Owner,domains\nAcme,Sam,acme.com\n', context());
    expect(r.warnings).toEqual([{ key: 'csvUnknownColumn', subs: ['Owner'] }]);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]?.record).not.toHaveProperty('owner');
  });

  it('refuses a file without the required column, or with a column twice', () => {
    expect(accountsFromCsv('domains\nacme.com\n', context()).fatal).toEqual({
      key: 'csvMissingColumn',
      subs: ['name'],
    });
    expect(
      peopleFromCsv('name,email\nAnna,a@acme.com\n', { ...context(), newAccounts: [] }).fatal,
    ).toMatchObject({ key: 'csvMissingColumn', subs: ['account'] });
    expect(accountsFromCsv('name,Name\nA,B\n', context()).fatal).toMatchObject({
      key: 'csvDuplicateColumn',
    });
    expect(accountsFromCsv('', context()).fatal).toEqual({ key: 'csvEmptyFile' });
    expect(accountsFromCsv('\uFEFF\n\n', context()).fatal).toEqual({ key: 'csvEmptyFile' });
  });

  it('reads a semicolon-separated file, and refuses text with lost characters', () => {
    const semicolons = accountsFromCsv('name;domains\nAcme;acme.com\n', context());
    expect(semicolons.fatal).toBeNull();
    expect(semicolons.records[0]?.record).toMatchObject({ name: 'Acme', domains: ['acme.com'] });
    const latin1 = accountsFromCsv('name\nCaf\uFFFD Noir\n', context());
    expect(latin1.fatal).toEqual({ key: 'csvUnreadableText', subs: ['2'] });
    expect(latin1.records).toEqual([]);
  });

  it('reads aliases and a byte-order mark', () => {
    expect(canonicalHeader(' Domain ')).toBe('domains');
    expect(canonicalHeader('E-mail')).toBe('email');
    const r = accountsFromCsv('\uFEFFName,Domain\r\nAcme,acme.com\r\n', context());
    expect(r.warnings).toEqual([]);
    expect(r.records[0]?.record.name).toBe('Acme');
  });
});

describe('line numbers and quoted fields', () => {
  it('keeps commas and newlines inside quotes, and counts lines in the file', () => {
    const text = [
      'name,domains,notes',
      '"Acme, Inc.",acme.com,"Line one',
      'line two, with a comma"',
      '',
      'Bad,not a domain,',
      'Initech,initech.com,"He said ""hi"""',
    ].join('\n');
    const r = accountsFromCsv(text, context());
    expect(r.records.map((x) => [x.line, x.record.name])).toEqual([
      [2, 'Acme, Inc.'],
      [6, 'Initech'],
    ]);
    expect(r.records[0]?.record.profile.goals).toBe('Line one\nline two, with a comma');
    expect(r.records[1]?.record.profile.goals).toBe('He said "hi"');
    expect(r.invalid).toEqual([{ line: 5, key: 'csvBadDomain', subs: ['not a domain'] }]);
  });

  it('counts CRLF and mixed line endings the same way', () => {
    const text = 'name,stage\r\nA,tactical\r\n\r\nB,gold\nC,\r\n';
    const r = accountsFromCsv(text, context());
    expect(lines(r.invalid)).toEqual([4]);
    expect(r.records.map((x) => x.line)).toEqual([2, 5]);
  });

  it('reports an unterminated quote and a row with too many fields on their lines', () => {
    const r = accountsFromCsv(
      'name,domains\nAcme,acme.com,extra\nOk,ok.com\n"Broken,x\n',
      context(),
    );
    expect(r.invalid).toEqual([
      { line: 2, key: 'csvTooManyFields', subs: [3, 2, ','] },
      { line: 4, key: 'csvUnterminatedQuote' },
    ]);
    expect(r.records.map((x) => x.record.name)).toEqual(['Ok']);
  });

  it('gives one reason per bad row', () => {
    const text = [
      'name,domains,stage,potential,next_action,next_action_due',
      ',,,,,',
      'NoName,,,,,',
      ',x.com,,,,',
      'A,,platinum,,,',
      'B,,,huge,,',
      'C,,,,Call,',
      'D,,,,,2026-01-01',
      'E,,,,Call,2026-02-30',
      'F,,,,Call,31/01/26',
      `${'x'.repeat(201)},,,,,`,
    ].join('\n');
    const r = accountsFromCsv(text, context());
    expect(r.invalid.map((p) => [p.line, p.key])).toEqual([
      [4, 'csvNameMissing'],
      [5, 'csvBadStage'],
      [6, 'csvBadPotential'],
      [7, 'csvDueMissing'],
      [8, 'csvActionMissing'],
      [9, 'csvBadDate'],
      [10, 'csvBadDate'],
      [11, 'csvTooLong'],
    ]);
    expect(r.records.map((x) => x.record.name)).toEqual(['NoName']);
  });
});

describe('accounts', () => {
  it('builds full records: id, revision 1, timestamps, empty profile, first stage change', () => {
    const r = accountsFromCsv('name,notes\nAcme,Wants EMEA coverage\n', context());
    const a = r.records[0]?.record;
    expect(a).toEqual({
      id: 'new-1',
      name: 'Acme',
      domains: [],
      stage: 'tactical',
      potential: 'medium',
      profile: { goals: 'Wants EMEA coverage', painPoints: '', opportunities: '' },
      nextAction: null,
      cadenceDays: null,
      crmRefs: [],
      createdAt: NOW,
      updatedAt: NOW,
      revision: 1,
    });
    const backup = csvBackup(r, null, NOW, 1);
    // One record per account: its first stage is read from the account (stage-history.ts).
    expect(backup.stageChanges).toEqual([]);
    expect(Backup.safeParse(backup).success).toBe(true);
  });

  it('splits domains on ";", lower-cases them and keeps the registrable domain', () => {
    const r = accountsFromCsv(
      'name,domains\nAcme," Mail.ACME.co.uk ; acme.com;acme.com "\n',
      context(),
    );
    expect(r.records[0]?.record.domains).toEqual(['acme.co.uk', 'acme.com']);
    expect(cleanDomain('https://www.acme.com/about')).toBe('acme.com');
    expect(cleanDomain('localhost')).toBeNull();
  });

  it('skips accounts that exist by name, and refuses a domain another account has', () => {
    const existing = [account()];
    const text = 'name,domains\nGLOBEX,\nGlobex Two,globex.com\nNew,new.com\nNew,\nOther,new.com\n';
    const r = accountsFromCsv(text, context(existing));
    expect(r.skipped).toEqual([{ line: 2, key: 'csvAccountExists', subs: ['Globex'] }]);
    expect(r.invalid).toEqual([
      { line: 3, key: 'csvDomainTaken', subs: ['globex.com', 'Globex'] },
      { line: 5, key: 'csvDuplicateAccount', subs: ['New', 4] },
      { line: 6, key: 'csvDomainTaken', subs: ['new.com', 'New'] },
    ]);
  });

  it('matches stage and potential values in any case, with spaces or underscores', () => {
    expect(parseStage(' Interdependent ')).toBe('interdependent');
    expect(parseStage('STRATEGIC')).toBe('strategic');
    expect(parseStage('gold')).toBeNull();
    expect(parsePotential('Med')).toBe('medium');
    expect(parsePotential('HIGH')).toBe('high');
  });
});

describe('people', () => {
  const northwind = account({
    id: 'acc-nw',
    name: 'Northwind Logistics',
    domains: ['northwind.co.uk'],
  });

  it('matches role and attitude synonyms', () => {
    expect(parseRole('Decision maker')).toBe('decision_maker');
    expect(parseRole('decision-maker')).toBe('decision_maker');
    expect(parseRole('DECISION_MAKER')).toBe('decision_maker');
    expect(parseRole('Gatekeeper')).toBe('gatekeeper');
    expect(parseRole('Executive sponsor')).toBe('executive_sponsor');
    expect(parseRole('boss')).toBeNull();
    expect(parseAttitude('Skeptic')).toBe('sceptic');
    expect(parseAttitude(' supporter')).toBe('supporter');
  });

  it('finds the account by name, by domain, by the email domain, and in the same import', () => {
    const fresh = accountsFromCsv('name,domains\nInitech,initech.com\n', context([northwind]));
    const newAccounts = fresh.records.map((r) => r.record);
    const text = [
      'Name,Email,Account,Title,Role,Influence,Attitude,Notes',
      'Anna Keller,anna@northwind.co.uk,northwind logistics,Head of Procurement,Decision maker,5,Supporter,Short calls',
      'Tom Reyes,tom@mail.northwind.co.uk,northwind.co.uk,,influencer,,,',
      'Peter Gibbons,peter@initech.com,Initech,,,,,',
      'Bill Lumbergh,bill@initech.com,,,,,,',
      'Nobody,n@nowhere.com,Umbrella,,,,,',
    ].join('\n');
    const r = peopleFromCsv(text, { ...context([northwind]), newAccounts });
    expect(r.records.map((x) => [x.line, x.record.name, x.record.accountId])).toEqual([
      [2, 'Anna Keller', 'acc-nw'],
      [3, 'Tom Reyes', 'acc-nw'],
      [4, 'Peter Gibbons', 'new-1'],
      [5, 'Bill Lumbergh', 'new-1'],
    ]);
    expect(r.records[0]?.record).toMatchObject({
      role: 'decision_maker',
      influence: 5,
      attitude: 'supporter',
      title: 'Head of Procurement',
      notes: 'Short calls',
      lastContactAt: null,
    });
    expect(r.records[1]?.record).toMatchObject({
      role: 'influencer',
      influence: 3,
      attitude: 'neutral',
    });
    expect(r.invalid).toEqual([{ line: 6, key: 'csvAccountNotFound', subs: ['Umbrella'] }]);
  });

  it('skips people already known, refuses an email on another account and bad values', () => {
    const globex = account();
    const text = [
      'name,email,account,role,influence,attitude',
      'Hank,H.Scorpio@globex.com,Globex,,,',
      'Anna,h.scorpio@globex.com,Northwind Logistics,,,',
      'Two,a@x.com; b@x.com,Globex,,,',
      'Dup,b@x.com,Globex,,,',
      'Bad mail,anna@,Globex,,,',
      'Bad role,r@globex.com,Globex,boss,,',
      'Bad influence,i@globex.com,Globex,,7,',
      'Bad attitude,t@globex.com,Globex,,,angry',
    ].join('\n');
    const r = peopleFromCsv(text, {
      ...context([globex, northwind], [person()]),
      newAccounts: [],
    });
    expect(r.skipped).toEqual([{ line: 2, key: 'csvPersonExists', subs: ['Hank Scorpio'] }]);
    expect(r.invalid.map((p) => [p.line, p.key])).toEqual([
      [3, 'csvEmailTaken'],
      [5, 'csvDuplicateEmail'],
      [6, 'csvBadEmail'],
      [7, 'csvBadRole'],
      [8, 'csvBadInfluence'],
      [9, 'csvBadAttitude'],
    ]);
    expect(r.records[0]?.record.emails).toEqual(['a@x.com', 'b@x.com']);
  });

  it('refuses a reference that matches several accounts', () => {
    const a = account({ id: 'a1', name: 'Acme', domains: ['acme.com'] });
    const b = account({ id: 'a2', name: 'Acme UK', domains: ['acme.com'] });
    const r = peopleFromCsv('name,account\nAnna,acme.com\n', {
      ...context([a, b]),
      newAccounts: [],
    });
    expect(r.invalid).toEqual([
      { line: 2, key: 'csvAccountAmbiguous', subs: ['acme.com', 'Acme, Acme UK'] },
    ]);
  });

  it("says a text over its limit in the user's words, naming the column, not the record path", () => {
    const long = 'x'.repeat(20_001);
    const accounts = accountsFromCsv(`name,notes\nAcme,${long}\n`, context());
    expect(accounts.invalid).toEqual([{ line: 2, key: 'csvTooLong', subs: ['notes', 20_000] }]);
    const a = account({ id: 'a1', name: 'Acme', domains: ['acme.com'] });
    const people = peopleFromCsv(`name,account,notes\nAnna,acme.com,${long}\n`, {
      ...context([a]),
      newAccounts: [],
    });
    expect(people.invalid).toEqual([{ line: 2, key: 'csvTooLong', subs: ['notes', 20_000] }]);
  });

  it('writes one valid merge backup for accounts and people together', () => {
    const accounts = accountsFromCsv('name,domains\nInitech,initech.com\n', context());
    const people = peopleFromCsv('name,email,account\nPeter,peter@initech.com,Initech\n', {
      ...context(),
      newAccounts: accounts.records.map((r) => r.record),
    });
    const backup = csvBackup(accounts, people, NOW, 1);
    const parsed = Backup.safeParse(backup);
    expect(parsed.success).toBe(true);
    expect(backup.people[0]?.accountId).toBe(backup.accounts[0]?.id);
    expect(keys(people.invalid)).toEqual([]);
  });
});

describe('formula injection', () => {
  it('neutralises cells a spreadsheet would run', () => {
    for (const v of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '＝1'])
      expect(neutraliseCell(v)).toBe(`'${v}`);
    for (const v of ['Acme', '', "'quoted", 'a=b', ' =1']) expect(neutraliseCell(v)).toBe(v);
  });

  it('restores neutralised cells on import, and nothing else', () => {
    expect(restoreCell("'=1+1")).toBe('=1+1');
    expect(restoreCell("'quoted")).toBe("'quoted");
    expect(restoreCell('=1')).toBe('=1');
  });

  it('exports accounts.csv that imports back to the same accounts', () => {
    const source = [
      account({
        name: '=HYPERLINK("http://evil","click")',
        domains: ['globex.com', 'globex.de'],
        nextAction: { text: '-call, then "write"', due: '2026-12-01' },
        profile: { goals: 'Line one\nline two', painPoints: '', opportunities: '' },
      }),
      account({ id: 'a2', name: '@Initech', domains: [], stage: 'tactical', potential: 'low' }),
    ];
    const csv = accountsToCsv(source);
    expect(
      csv.startsWith('\uFEFFname,domains,stage,potential,next_action,next_action_due,notes\r\n'),
    ).toBe(true);
    const cells = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data.slice(1);
    for (const row of cells) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells[0]?.[0]).toBe(`'=HYPERLINK("http://evil","click")`);

    const back = accountsFromCsv(csv, context());
    expect(back.invalid).toEqual([]);
    expect(back.records.map((r) => r.record)).toMatchObject([
      {
        name: '=HYPERLINK("http://evil","click")',
        domains: ['globex.com', 'globex.de'],
        stage: 'strategic',
        potential: 'medium',
        nextAction: { text: '-call, then "write"', due: '2026-12-01' },
        profile: { goals: 'Line one\nline two' },
      },
      { name: '@Initech', stage: 'tactical', potential: 'low', nextAction: null },
    ]);
  });
});

describe('readCsv limits', () => {
  it('treats a header-only file as having no rows', () => {
    const r = readCsv('name\n', ['name'], ['name']);
    expect(r.fatal).toBeNull();
    expect(r.rows).toEqual([]);
  });
});
