/**
 * people.csv: rows to new people, each on an account.
 *
 * | column      | value                                                                        |
 * |-------------|------------------------------------------------------------------------------|
 * | `name`      | required; the person's name                                                  |
 * | `email`     | email addresses, several separated by `;`                                    |
 * | `account`   | the account's name (any case) or one of its domains; when empty, the domain |
 * |             | of the person's email. Accounts in the same import count too.               |
 * | `title`     | job title                                                                    |
 * | `role`      | decision maker, executive sponsor, influencer, champion, user, gatekeeper,  |
 * |             | blocker or unknown                                                           |
 * | `influence` | 1 to 5 (default 3)                                                           |
 * | `attitude`  | supporter, neutral or sceptic (default neutral)                              |
 * | `notes`     | free text                                                                    |
 *
 * A row whose person (by email, or by name when it has none, in the same account) already exists
 * is left as it is, and reported as skipped.
 */
import { registrableDomain } from '@/utils/shared/match';
import { Email, Person as PersonSchema } from '@/utils/schemas/model';
import type { Account, Person } from '@/utils/contract/model';
import { checkRow } from './csv-row-check';
import { resultOf, type CsvResult, type PeopleContext } from './csv-result';
import { readCsv } from './csv-table';
import { cleanDomain, list, parseAttitude, parseRole } from './csv-values';

/** The file's column each checked field of a person comes from. */
const PERSON_FIELD_COLUMNS = { name: 'name', title: 'title', notes: 'notes' };

export const PERSON_COLUMNS = [
  'name',
  'email',
  'account',
  'title',
  'role',
  'influence',
  'attitude',
  'notes',
] as const;

/** Influence is a whole number from 1 to 5. */
function parseInfluence(raw: string): number | null {
  const influence = Number(raw);
  return Number.isInteger(influence) && influence >= 1 && influence <= 5 ? influence : null;
}

export function peopleFromCsv(input: string | Uint8Array, ctx: PeopleContext): CsvResult<Person> {
  const table = readCsv(input, PERSON_COLUMNS, ['name', 'account']);
  const result = resultOf<Person>(table);
  if (table.fatal) return result;

  const all = [...ctx.accounts, ...ctx.newAccounts];
  const byName = new Map<string, Account[]>();
  const byDomain = new Map<string, Account[]>();
  const push = (map: Map<string, Account[]>, key: string, a: Account) =>
    map.set(key, [...(map.get(key) ?? []), a]);
  for (const a of all) {
    push(byName, a.name.trim().toLowerCase(), a);
    for (const d of a.domains) push(byDomain, d, a);
  }
  const emailOwner = new Map<string, Person>();
  for (const p of ctx.people) for (const e of p.emails) emailOwner.set(e, p);
  const accountName = new Map(all.map((a) => [a.id, a.name]));
  const emailsInFile = new Map<string, number>();
  const namesInAccount = new Set(
    ctx.people.filter((p) => p.emails.length === 0).map((p) => `${p.accountId}\n${p.name}`),
  );

  for (const row of table.rows) {
    const check = checkRow(row, result.invalid);
    const name = check.name();
    if (name === null) continue;

    const emails: string[] = [];
    let badEmail: string | null = null;
    for (const raw of list(row.get('email'))) {
      const parsed = Email.safeParse(raw);
      if (!parsed.success) {
        badEmail = raw;
        break;
      }
      if (!emails.includes(parsed.data)) emails.push(parsed.data);
    }
    if (badEmail !== null) {
      check.fail('csvBadEmail', badEmail);
      continue;
    }

    // The account: by name, then by domain, then by the domain of the person's email.
    const ref = row.get('account');
    let candidates: Account[] = [];
    if (ref) {
      candidates = byName.get(ref.toLowerCase()) ?? [];
      if (candidates.length === 0) {
        const d = cleanDomain(ref);
        candidates = d ? (byDomain.get(d) ?? []) : [];
      }
    } else {
      const domains = [...new Set(emails.map((e) => registrableDomain(e)).filter(Boolean))];
      candidates = [...new Set(domains.flatMap((d) => byDomain.get(d as string) ?? []))];
    }
    if (candidates.length === 0) {
      if (ref) check.fail('csvAccountNotFound', ref);
      else check.fail('csvAccountMissing');
      continue;
    }
    if (candidates.length > 1) {
      const names = candidates.map((a) => a.name).join(', ');
      check.fail('csvAccountAmbiguous', ref || emails[0] || '', names);
      continue;
    }
    const account = candidates[0] as Account;

    // Already known: the same email on the same account is this person; on another, a conflict.
    const known = emails.map((e) => emailOwner.get(e)).find(Boolean);
    if (known) {
      if (known.accountId === account.id)
        result.skipped.push({ line: row.line, key: 'csvPersonExists', subs: [known.name] });
      else
        check.fail(
          'csvEmailTaken',
          emails.find((e) => emailOwner.get(e) === known) ?? '',
          known.name,
          accountName.get(known.accountId) ?? '',
        );
      continue;
    }
    const repeated = emails.find((e) => emailsInFile.has(e));
    if (repeated) {
      check.fail('csvDuplicateEmail', repeated, emailsInFile.get(repeated) ?? 0);
      continue;
    }
    if (emails.length === 0 && namesInAccount.has(`${account.id}\n${name}`)) {
      result.skipped.push({ line: row.line, key: 'csvPersonExists', subs: [name] });
      continue;
    }

    const role = check.choice('role', parseRole, 'unknown', 'csvBadRole');
    if (!role) continue;
    const attitude = check.choice('attitude', parseAttitude, 'neutral', 'csvBadAttitude');
    if (!attitude) continue;
    const influence = check.choice('influence', parseInfluence, 3, 'csvBadInfluence');
    if (influence === null) continue;

    const person: Person = {
      id: ctx.newId(),
      accountId: account.id,
      name,
      emails,
      title: row.get('title'),
      role,
      influence,
      attitude,
      notes: row.get('notes'),
      lastContactAt: null,
    };
    if (!check.valid(PersonSchema, person, PERSON_FIELD_COLUMNS)) continue;
    for (const e of emails) emailsInFile.set(e, row.line);
    if (emails.length === 0) namesInAccount.add(`${account.id}\n${name}`);
    result.records.push({ line: row.line, record: person });
  }
  return result;
}
