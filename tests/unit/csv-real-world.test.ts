// CSV files as spreadsheets really save them: the encoding told from the bytes
// (utils/page/csv-encoding.ts), the separator told from the header (detectDelimiter in utils/page/csv.ts),
// and dates in the three ways people write them (utils/page/csv-dates.ts). Each is a table of cases.
// Cyrillic bytes come from tests/fixtures/cp1251.mjs, an encoder built from the code page's table.
import { describe, expect, it } from 'vitest';
import {
  accountsFromCsv,
  detectDelimiter,
  peopleFromCsv,
  readCsv,
  ACCOUNT_COLUMNS,
} from '@/utils/page/csv';
import { decodeCsv, type CsvEncoding } from '@/utils/page/csv-encoding';
import { readDateColumn } from '@/utils/page/csv-dates';
import { cp1251 } from '../fixtures/cp1251.mjs';

const utf8 = (text: string) => new TextEncoder().encode(text);
const utf16le = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'));
const utf16be = (text: string) => utf16le(text).map((_, i, b) => b[i ^ 1] ?? 0);
const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const BOM8 = Uint8Array.of(0xef, 0xbb, 0xbf);

const NAMES = 'name;domains\nАльфа-Банк;alfabank.ru\nЁлкин и партнёры «Север» №1;\n';

describe('the encoding, from the bytes', () => {
  const read: [string, Uint8Array, CsvEncoding, string][] = [
    ['plain ASCII', utf8('name\nAcme\n'), 'UTF-8', 'name\nAcme\n'],
    ['UTF-8 without a mark', utf8(NAMES), 'UTF-8', NAMES],
    ['UTF-8 with a mark (the mark dropped)', join(BOM8, utf8(NAMES)), 'UTF-8', NAMES],
    ['UTF-16 LE with a mark', join(Uint8Array.of(0xff, 0xfe), utf16le(NAMES)), 'UTF-16LE', NAMES],
    ['UTF-16 BE with a mark', join(Uint8Array.of(0xfe, 0xff), utf16be(NAMES)), 'UTF-16BE', NAMES],
    ['UTF-16 LE without a mark', utf16le(NAMES), 'UTF-16LE', NAMES],
    ['UTF-16 BE without a mark', utf16be(NAMES), 'UTF-16BE', NAMES],
    [
      'UTF-16 LE without a mark, with a character whose low byte is zero',
      utf16le('name,domains\nЀлка 一,elka.ru\n'),
      'UTF-16LE',
      'name,domains\nЀлка 一,elka.ru\n',
    ],
    ['Windows-1251 (Excel on a Russian Windows)', cp1251(NAMES), 'Windows-1251', NAMES],
    [
      'Windows-1251 with CR LF',
      cp1251(NAMES.replace(/\n/g, '\r\n')),
      'Windows-1251',
      NAMES.replace(/\n/g, '\r\n'),
    ],
    ['an empty file', new Uint8Array(), 'UTF-8', ''],
  ];
  it.each(read)('%s', (_, bytes, encoding, text) => {
    expect(decodeCsv(bytes)).toEqual({ ok: true, encoding, text });
  });

  it('the Cyrillic test bytes are the code page, not UTF-8', () => {
    // А is 0xC0 and я 0xFF in Windows-1251; Ё 0xA8, ё 0xB8; UTF-8 would be two bytes each.
    expect([...cp1251('Ая Ёё')]).toEqual([0xc0, 0xff, 0x20, 0xa8, 0xb8]);
  });

  const refused: [string, Uint8Array, string, (string | number)[] | undefined][] = [
    [
      'UTF-8 lines and Windows-1251 lines in one file',
      join(utf8('name\nАльфа\nBeta\n'), cp1251('Гамма\nДельта\n')),
      'csvMixedEncoding',
      [2, '4, 5'],
    ],
    [
      'a UTF-8 mark, then Windows-1251 lines',
      join(BOM8, utf8('name\n'), cp1251('Гамма\n')),
      'csvMixedEncoding',
      [1, '2'],
    ],
    [
      'Windows-1252 French ("Société" is not Russian)',
      new Uint8Array(Buffer.from('name\nSociété Générale\n', 'latin1')),
      'csvNotCyrillic',
      [2, 'Sociйtй'],
    ],
    [
      'the byte Windows-1251 leaves undefined',
      join(cp1251('name\nАльфа\n'), Uint8Array.of(0xc1, 0x98, 0x0a)),
      'csvUnreadableText',
      ['3'],
    ],
    ['zero bytes that are not UTF-16', utf8('name\nAc\u0000me\n'), 'csvNotText', undefined],
  ];
  it.each(refused)('refuses %s', (_, bytes, key, subs) => {
    expect(decodeCsv(bytes)).toEqual({ ok: false, problem: subs ? { key, subs } : { key } });
  });

  it('refuses text that lost characters earlier (U+FFFD), naming its lines', () => {
    const text = 'name\nAcme\nCaf\uFFFD Noir\n\uFFFD\uFFFD\uFFFD\uFFFD\n';
    for (const input of [text, utf8(text), join(BOM8, utf8(text))]) {
      const r = accountsFromCsv(input, context());
      expect(r.fatal).toEqual({ key: 'csvUnreadableText', subs: ['3, 4'] });
      expect(r.records).toEqual([]);
    }
  });

  it('lists at most ten lines, then an ellipsis', () => {
    const text = ['name', ...Array.from({ length: 12 }, () => 'x\uFFFD')].join('\n');
    expect(readCsv(text, ['name'], ['name']).fatal?.subs).toEqual([
      '2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …',
    ]);
  });
});

function context() {
  let n = 0;
  return { accounts: [], people: [], now: 0, newId: () => `new-${++n}`, newAccounts: [] };
}

describe('the separator, from the header', () => {
  const cases: [string, string, ',' | ';' | '\t'][] = [
    ['commas', 'name,domains\nAcme,acme.com\n', ','],
    ['semicolons', 'name;domains\nAcme;acme.com\n', ';'],
    ['tabs', 'name\tdomains\nAcme\tacme.com\n', '\t'],
    ['one column', 'name\nAcme\n', ','],
    ['blank lines before the header', '\n\n  \nname;domains\nAcme;acme.com\n', ';'],
    [
      'semicolons, with commas inside quoted values',
      'name;domains;notes\n"Acme, Inc.";acme.com;"one, two, three"\n',
      ';',
    ],
    [
      'commas, with semicolons inside quoted values',
      'name,domains,notes\nAcme,"acme.com; acme.de","a; b; c; d; e"\n',
      ',',
    ],
    [
      'tabs, with both inside quoted values',
      'name\tdomains\tnotes\n"Acme, Inc.; EMEA"\tacme.com\t"a, b; c"\n',
      '\t',
    ],
    [
      'semicolons, with a comma in a quoted header name',
      '"Name";"Notes, free text";"Domains"\nAcme;x;acme.com\n',
      ';',
    ],
  ];
  it.each(cases)('%s', (_, text, delimiter) => {
    expect(detectDelimiter(text, ACCOUNT_COLUMNS)).toBe(delimiter);
  });

  it('reads the values whole, with the other separators inside quotes', () => {
    const r = accountsFromCsv(
      'name;domains;notes\n"Acme, Inc.";"acme.com; acme.de";"one, two; three"\n',
      context(),
    );
    expect(r.format).toEqual({ encoding: 'UTF-8', delimiter: ';' });
    expect(r.records[0]?.record).toMatchObject({
      name: 'Acme, Inc.',
      domains: ['acme.com', 'acme.de'],
      profile: { goals: 'one, two; three' },
    });
  });

  it('names the separator when a row has too many fields', () => {
    const r = accountsFromCsv('name;domains\nAcme;acme.com;x\n', context());
    expect(r.invalid).toEqual([{ line: 2, key: 'csvTooManyFields', subs: [3, 2, ';'] }]);
  });
});

describe('dates, one slash rule per file', () => {
  const cells = (...raw: string[]) => raw.map((r, i) => ({ line: i + 2, raw: r }));
  const isoOf = (column: ReturnType<typeof readDateColumn>, line: number, raw: string) =>
    column.read({ line, raw });

  const single: [string, { iso: string } | { problem: { key: string } }][] = [
    ['2026-03-04', { iso: '2026-03-04' }],
    ['04.03.2026', { iso: '2026-03-04' }],
    ['4.3.2026', { iso: '2026-03-04' }],
    ['31.12.2026', { iso: '2026-12-31' }],
    ['03/04/2026', { iso: '2026-03-04' }],
    ['3/4/2026', { iso: '2026-03-04' }],
    ['12/25/2026', { iso: '2026-12-25' }],
    [' 2026-03-04 ', { iso: '2026-03-04' }],
    ['2026-02-30', { problem: { key: 'csvBadDate' } }],
    ['30.02.2026', { problem: { key: 'csvBadDate' } }],
    ['02/30/2026', { problem: { key: 'csvBadDate' } }],
    ['03/04/26', { problem: { key: 'csvBadDate' } }],
    ['04.03.26', { problem: { key: 'csvBadDate' } }],
    ['2026/03/04', { problem: { key: 'csvBadDate' } }],
    ['March 4', { problem: { key: 'csvBadDate' } }],
  ];
  it.each(single)('alone in its file, %s', (raw, expected) => {
    const column = readDateColumn(cells(raw));
    expect(isoOf(column, 2, raw)).toMatchObject(expected);
  });

  it('month first when no slash date has a first number above 12', () => {
    const column = readDateColumn(cells('03/04/2026', '12/25/2026', '05/05/2026', '01.02.2026'));
    expect(column.slash).toEqual({ order: 'month-first', decidedBy: null });
    expect(isoOf(column, 2, '03/04/2026')).toEqual({ iso: '2026-03-04' });
    // 12/25 and 05/05 cannot be read two ways; 01.02 has dots, so it is day first anyway.
    expect(column.ambiguous).toEqual([{ line: 2, raw: '03/04/2026', iso: '2026-03-04' }]);
  });

  it('day first for the whole file when one slash date has a first number above 12', () => {
    const column = readDateColumn(cells('03/04/2026', '25/03/2026', '10/11/2026'));
    expect(column.slash).toEqual({
      order: 'day-first',
      decidedBy: { line: 3, raw: '25/03/2026' },
    });
    expect(isoOf(column, 2, '03/04/2026')).toEqual({ iso: '2026-04-03' });
    expect(isoOf(column, 3, '25/03/2026')).toEqual({ iso: '2026-03-25' });
    expect(column.ambiguous).toEqual([
      { line: 2, raw: '03/04/2026', iso: '2026-04-03' },
      { line: 4, raw: '10/11/2026', iso: '2026-11-10' },
    ]);
  });

  it('refuses a slash date that only fits the other order, naming the date that decided', () => {
    const column = readDateColumn(cells('25/03/2026', '03/25/2026'));
    expect(isoOf(column, 3, '03/25/2026')).toEqual({
      problem: { key: 'csvSlashDateOrder', subs: ['03/25/2026', 2, '25/03/2026'] },
    });
  });

  it('has no slash rule without slash dates', () => {
    const column = readDateColumn(cells('2026-03-04', '04.03.2026'));
    expect(column.slash).toBeNull();
    expect(column.ambiguous).toEqual([]);
  });

  it('imports the dates and lists the ambiguous ones of imported rows only', () => {
    const text = [
      'name,next_action,next_action_due,stage',
      'Acme,Call,03/04/2026,',
      'Globex,Call,04.05.2026,',
      'Initech,Call,10/11/2026,gold',
      'Umbrella,Call,2026-06-07,',
    ].join('\n');
    const r = accountsFromCsv(text, context());
    expect(r.records.map((x) => [x.record.name, x.record.nextAction?.due])).toEqual([
      ['Acme', '2026-03-04'],
      ['Globex', '2026-05-04'],
      ['Umbrella', '2026-06-07'],
    ]);
    expect(r.invalid.map((p) => [p.line, p.key])).toEqual([[4, 'csvBadStage']]);
    expect(r.dates).toEqual({
      slash: { order: 'month-first', decidedBy: null },
      ambiguous: [{ line: 2, raw: '03/04/2026', iso: '2026-03-04' }],
    });
  });
});

describe('a Russian Excel export end to end', () => {
  it('imports a Windows-1251 file with ";" and Russian names and dates', () => {
    const text = [
      'name;domains;stage;next_action;next_action_due;notes',
      'Альфа-Банк;alfabank.ru;strategic;Позвонить Ёлкину;04.12.2026;"Офис в Москве; склад, Тверь"',
      'ООО «Север» №1;sever.ru;;;;',
    ].join('\r\n');
    const r = accountsFromCsv(cp1251(text), context());
    expect(r.fatal).toBeNull();
    expect(r.invalid).toEqual([]);
    expect(r.format).toEqual({ encoding: 'Windows-1251', delimiter: ';' });
    expect(r.records.map((x) => x.record)).toMatchObject([
      {
        name: 'Альфа-Банк',
        domains: ['alfabank.ru'],
        stage: 'strategic',
        nextAction: { text: 'Позвонить Ёлкину', due: '2026-12-04' },
        profile: { goals: 'Офис в Москве; склад, Тверь' },
      },
      { name: 'ООО «Север» №1', domains: ['sever.ru'] },
    ]);
    const people = peopleFromCsv(cp1251('name;account;title\nЁлкин Пётр;Альфа-Банк;Директор\n'), {
      ...context(),
      newAccounts: r.records.map((x) => x.record),
    });
    expect(people.records[0]?.record).toMatchObject({ name: 'Ёлкин Пётр', title: 'Директор' });
  });

  it('imports a Windows-1251 file with commas, which used to store "�������"', () => {
    const r = accountsFromCsv(cp1251('name,domains\nРомашка,romashka.ru\n'), context());
    expect(r.records[0]?.record.name).toBe('Ромашка');
    expect(JSON.stringify(r)).not.toContain('\uFFFD');
  });
});
