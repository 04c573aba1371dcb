/**
 * accounts.csv: rows to new accounts.
 *
 * | column            | value                                                                 |
 * |-------------------|-----------------------------------------------------------------------|
 * | `name`            | required; the account's name                                          |
 * | `domains`         | web domains, several separated by `;` (`acme.com; acme.co.uk`)        |
 * | `stage`           | tactical, cooperative, interdependent or strategic (default tactical) |
 * | `potential`       | low, medium or high (default medium)                                  |
 * | `next_action`     | the next action's text; needs `next_action_due`                       |
 * | `next_action_due` | YYYY-MM-DD, DD.MM.YYYY or MM/DD/YYYY (csv-dates.ts)                   |
 * | `notes`           | free text. An account has no notes field of its own: CSV notes go into |
 * |                   | the customer profile's goals (`profile.goals`), and export reads them  |
 * |                   | back from there, so a round trip keeps them.                           |
 *
 * A row whose account (by name, any case) already exists is left as it is, and reported as
 * skipped.
 */
import type { MessageKey } from '@/utils/shared/i18n';
import { Account as AccountSchema } from '@/utils/schemas/model';
import type { Account } from '@/utils/contract/model';
import { readDateColumn } from './csv-dates';
import { checkRow } from './csv-row-check';
import { resultOf, type AccountImport, type ImportContext } from './csv-result';
import { readCsv } from './csv-table';
import { cleanDomain, list, parsePotential, parseStage } from './csv-values';

/** The file's column each checked field of an account comes from. */
const ACCOUNT_FIELD_COLUMNS = {
  name: 'name',
  'profile.goals': 'notes',
  'nextAction.text': 'next_action',
};

export const ACCOUNT_COLUMNS = [
  'name',
  'domains',
  'stage',
  'potential',
  'next_action',
  'next_action_due',
  'notes',
] as const;

export function accountsFromCsv(input: string | Uint8Array, ctx: ImportContext): AccountImport {
  const table = readCsv(input, ACCOUNT_COLUMNS, ['name']);
  const result: AccountImport = {
    ...resultOf<Account>(table),
    dates: { slash: null, ambiguous: [] },
  };
  if (table.fatal) return result;
  const dueDates = readDateColumn(
    table.rows
      .map((row) => ({ line: row.line, raw: row.get('next_action_due') }))
      .filter((c) => c.raw),
  );

  const existingByName = new Map(ctx.accounts.map((a) => [a.name.trim().toLowerCase(), a]));
  const domainOwner = new Map<string, string>();
  for (const a of ctx.accounts) for (const d of a.domains) domainOwner.set(d, a.name);
  const namesInFile = new Map<string, number>();

  for (const row of table.rows) {
    const check = checkRow(row, result.invalid);
    const name = check.name();
    if (name === null) continue;
    const nameKey = name.toLowerCase();
    const existing = existingByName.get(nameKey);
    if (existing) {
      result.skipped.push({ line: row.line, key: 'csvAccountExists', subs: [existing.name] });
      continue;
    }
    const earlier = namesInFile.get(nameKey);
    if (earlier !== undefined) {
      check.fail('csvDuplicateAccount', name, earlier);
      continue;
    }

    const domains: string[] = [];
    let bad: [MessageKey, ...(string | number)[]] | null = null;
    for (const raw of list(row.get('domains'))) {
      const d = cleanDomain(raw);
      if (!d) bad = ['csvBadDomain', raw];
      else if (domainOwner.has(d) && !domains.includes(d))
        bad = ['csvDomainTaken', d, domainOwner.get(d) ?? ''];
      else if (!domains.includes(d)) domains.push(d);
      if (bad) break;
    }
    if (bad) {
      check.fail(...bad);
      continue;
    }

    const stage = check.choice('stage', parseStage, 'tactical', 'csvBadStage');
    if (!stage) continue;
    const potential = check.choice('potential', parsePotential, 'medium', 'csvBadPotential');
    if (!potential) continue;
    const actionText = row.get('next_action');
    const dueRaw = row.get('next_action_due');
    if (actionText && !dueRaw) {
      check.fail('csvDueMissing');
      continue;
    }
    if (dueRaw && !actionText) {
      check.fail('csvActionMissing');
      continue;
    }
    const dueRead = dueRaw ? dueDates.read({ line: row.line, raw: dueRaw }) : { iso: '' };
    if ('problem' in dueRead) {
      result.invalid.push({ line: row.line, ...dueRead.problem });
      continue;
    }

    const account: Account = {
      id: ctx.newId(),
      name,
      domains,
      stage,
      potential,
      profile: { goals: row.get('notes'), painPoints: '', opportunities: '' },
      nextAction: actionText ? { text: actionText, due: dueRead.iso } : null,
      cadenceDays: null,
      crmRefs: [],
      createdAt: ctx.now,
      updatedAt: ctx.now,
      revision: 1,
    };
    if (!check.valid(AccountSchema, account, ACCOUNT_FIELD_COLUMNS)) continue;
    namesInFile.set(nameKey, row.line);
    for (const d of domains) domainOwner.set(d, name);
    result.records.push({ line: row.line, record: account });
  }
  const imported = new Set(result.records.map((r) => r.line));
  result.dates = {
    slash: dueDates.slash,
    ambiguous: dueDates.ambiguous.filter((d) => imported.has(d.line)),
  };
  return result;
}
