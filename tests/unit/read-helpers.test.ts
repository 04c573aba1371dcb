/**
 * The reading helpers every host adapter shares (utils/content/hosts/read-helpers.ts). The address
 * and host cases are the union of those each adapter's own test carried when it kept its own copy.
 */
import { describe, expect, it } from 'vitest';
import {
  addressesInText,
  addressesOfMailto,
  hostOf,
  isHidden,
  isHiddenAcrossShadow,
  normaliseAddress,
  pushParticipant,
  pushUnique,
  squash,
  unreadable,
} from '@/utils/content/hosts/read-helpers';
import { MAX_DOMAINS, MAX_NAMES, MAX_PARTICIPANTS } from '@/utils/contract/limits';
import type { HostContext } from '@/utils/contract/messages';
import { HostContext as HostContextSchema } from '@/utils/schemas/page-read';

const ANNA = 'anna.keller@northwind.co.uk';
const TOM = 'tom.reyes@mail.northwind.co.uk';
const HANK = 'h.scorpio@globex.com';

describe('normaliseAddress', () => {
  const ADDRESSES: [string | null | undefined, string | null][] = [
    [ANNA, ANNA],
    ['  Tom.Reyes@Mail.Northwind.co.uk ', TOM],
    [' Tom.Reyes@Mail.Northwind.co.uk', TOM],
    [' Anna.Keller@Northwind.co.uk ', ANNA],
    [' H.Scorpio@Globex.com ', HANK],
    [`${'a'.repeat(315)}@x.io`, `${'a'.repeat(315)}@x.io`],
    // Not one address: a name, a display form, a list, no dot in the domain, too long.
    ['me', null],
    ['Tom Reyes', null],
    // Bidi and other format characters are reported, for the worker to warn about (lookalike.ts);
    // a control character is no address.
    ['\u202Eku.oc.dniwhtron@evil.io', '\u202Eku.oc.dniwhtron@evil.io'],
    ['anna.keller@evil.io\u202Eku.oc', 'anna.keller@evil.io\u202Eku.oc'],
    ['\u2067anna.keller\u2069@evil.io', '\u2067anna.keller\u2069@evil.io'],
    ['anna\u200B.keller@northwind.co.uk', 'anna\u200B.keller@northwind.co.uk'],
    ['anna.keller@northwind.co.uk\u0000', null],
    // Non-ASCII letters are not control characters: an internationalised address still reads.
    ['anna@müller.de', 'anna@müller.de'],
    ['Anna Keller <anna.keller@northwind.co.uk>', null],
    ['Anna Keller<anna.keller@northwind.co.uk>', null],
    ['Hank Scorpio <h.scorpio@globex.com>', null],
    [`${ANNA}, ${TOM}`, null],
    ['anna@localhost', null],
    [`${'a'.repeat(320)}@x.io`, null],
    ['', null],
    [null, null],
    [undefined, null],
  ];
  it.each(ADDRESSES)('normaliseAddress(%j) is %j', (value, expected) => {
    expect(normaliseAddress(value)).toBe(expected);
  });
});

describe('addressesInText', () => {
  const TEXTS: [string, string[]][] = [
    [`${ANNA};${TOM}`, [ANNA, TOM]],
    ['Anna Keller <Anna.Keller@Northwind.co.uk> (copy)', [ANNA]],
    [`${HANK} ${HANK}`, [HANK, HANK]],
    ['Anna Keller, Procurement', []],
    ['', []],
  ];
  it.each(TEXTS)('addressesInText(%j) is %j', (text, expected) => {
    expect(addressesInText(text)).toEqual(expected);
  });
});

describe('addressesOfMailto', () => {
  const LINKS: [string, string[]][] = [
    [`mailto:${ANNA}`, [ANNA]],
    ['mailto:Info@Globex.com?subject=Hello', ['info@globex.com']],
    ['MAILTO:Tom.Reyes@Mail.Northwind.co.uk', [TOM]],
    [`mailto:${ANNA},${TOM}?cc=${HANK}`, [ANNA, TOM]],
    [`mailto:${ANNA}; ${TOM}`, [ANNA, TOM]],
    ['mailto:anna.keller%40northwind.co.uk', [ANNA]],
    ['mailto:Anna%20Keller', []],
    [`mailto:${TOM};%zz`, [TOM]],
    ['mailto:', []],
    // Odd syntax from a hostile sender: nothing but the plain address is ever read.
    ['mailto:?to=evil@evil.io', []],
    [`mailto:${ANNA}%0A@evil.io`, []],
    [`mailto:${ANNA}%3F@evil.io`, []],
    ['mailto:%22anna.keller%40northwind.co.uk%22@evil.io', []],
    // Reported, for the worker to warn about (lookalike.ts).
    ['mailto:%E2%80%AEku.oc.dniwhtron@evil.io', ['\u202Eku.oc.dniwhtron@evil.io']],
    [`mailto:${ANNA}%00`, []],
  ];
  it.each(LINKS)('addressesOfMailto(%j) is %j', (href, expected) => {
    expect(addressesOfMailto(href)).toEqual(expected);
  });
});

describe('hostOf', () => {
  const HOSTS: [string | null | undefined, string | null][] = [
    ['northwind.co.uk', 'northwind.co.uk'],
    ['https://northwind.co.uk', 'northwind.co.uk'],
    ['https://northwind.co.uk/', 'northwind.co.uk'],
    ['https://www.northwind.co.uk', 'www.northwind.co.uk'],
    ['http://Globex.com/about?x=1', 'globex.com'],
    ['https://www.globex.com', 'www.globex.com'],
    ['www.globex.com', 'www.globex.com'],
    ['www.globex.com.', 'www.globex.com'],
    ['initech-systems.com', 'initech-systems.com'],
    ['  initech-systems.com ', 'initech-systems.com'],
    // Not a web host: an address, another scheme, text, a single label, a leading hyphen.
    [ANNA, null],
    [TOM, null],
    [HANK, null],
    [`mailto:${ANNA}`, null],
    ['javascript:alert(1)', null],
    ['ftp://files.globex.com', null],
    ['not a domain', null],
    ['localhost', null],
    ['-globex.com', null],
    // A host the URL parser would map to another (full-width letters, another full stop, a
    // hidden character) is given as written, so the background sees the disguise.
    ['https://\uFF4Eorthwind.co.uk/en', '\uFF4Eorthwind.co.uk'],
    ['Northwind\u3002co.uk', 'northwind\u3002co.uk'],
    ['north\u200Bwind.co.uk', 'north\u200Bwind.co.uk'],
    ['https://\uFF4Eorthwind.co.uk:8443/', '\uFF4Eorthwind.co.uk'],
    ['', null],
    [null, null],
  ];
  it.each(HOSTS)('hostOf(%j) is %j', (value, expected) => {
    expect(hostOf(value)).toBe(expected);
  });
});

describe('squash', () => {
  it('puts text on one line with single spaces, trimmed', () => {
    expect(squash('  Q1 renewal:\n\t volumes  and pricing \n', 1000)).toBe(
      'Q1 renewal: volumes and pricing',
    );
  });

  it('cuts after squashing, to the given length', () => {
    expect(squash('  Anna   Keller  ', 8)).toBe('Anna Kel');
    expect(squash('x'.repeat(300), 200)).toHaveLength(200);
  });
});

describe('lists within the message contract', () => {
  it('pushUnique adds each value once, nothing empty, and stops at the limit', () => {
    const list: string[] = [];
    for (const value of ['globex.com', null, '', 'globex.com', 'initech.com', 'northwind.co.uk'])
      pushUnique(list, value, 2);
    expect(list).toEqual(['globex.com', 'initech.com']);
  });

  it('pushParticipant keeps the first name for an address and stops at MAX_PARTICIPANTS', () => {
    const people: HostContext['participants'] = [];
    pushParticipant(people, ANNA, 'Anna Keller');
    pushParticipant(people, ANNA, 'Northwind Logistics');
    expect(people).toEqual([{ email: ANNA, name: 'Anna Keller' }]);
    for (let i = 0; i < MAX_PARTICIPANTS + 5; i++) pushParticipant(people, `p${i}@x.io`, '');
    expect(people).toHaveLength(MAX_PARTICIPANTS);
  });

  it('the limits are the HostContext schema limits: at them passes, one more is refused', () => {
    const at = (participants: number, domains: number, names: number) =>
      HostContextSchema.safeParse({
        host: 'hubspot',
        url: 'https://app.hubspot.com/contacts/1/record/0-2/2',
        participants: Array.from({ length: participants }, (_, i) => ({
          email: `p${i}@x.io`,
          name: '',
        })),
        domains: Array.from({ length: domains }, (_, i) => `d${i}.com`),
        names: Array.from({ length: names }, (_, i) => `Name ${i}`),
      }).success;
    expect(at(MAX_PARTICIPANTS, MAX_DOMAINS, MAX_NAMES)).toBe(true);
    expect(at(MAX_PARTICIPANTS + 1, 0, 0)).toBe(false);
    expect(at(0, MAX_DOMAINS + 1, 0)).toBe(false);
    expect(at(0, 0, MAX_NAMES + 1)).toBe(false);
  });
});

describe('isHidden', () => {
  function page(html: string): Document {
    return new DOMParser().parseFromString(html, 'text/html');
  }

  it('sees an inline display: none or hidden on the element or any ancestor', () => {
    const doc = page(
      [
        '<div style="color: red; DISPLAY:none"><p id="a">a</p></div>',
        '<div hidden><p id="b">b</p></div>',
        '<p id="c" style="display: none;">c</p>',
        '<div style="display: block"><p id="d" style="visibility: hidden">d</p></div>',
        '<p id="e" style="--display: none">e</p>',
      ].join(''),
    );
    const hidden = (id: string) => isHidden(doc.getElementById(id) as Element);
    expect(['a', 'b', 'c', 'd', 'e'].map(hidden)).toEqual([true, true, true, false, false]);
  });

  it('isHiddenAcrossShadow sees what hides the shadow host; isHidden stops at the root', () => {
    const doc = page('<div id="page"><x-field id="host"></x-field></div>');
    const host = doc.getElementById('host') as HTMLElement;
    const inner = doc.createElement('x-value');
    host.attachShadow({ mode: 'open' }).append(inner);
    const value = doc.createElement('span');
    inner.attachShadow({ mode: 'open' }).append(value);
    expect(isHiddenAcrossShadow(value)).toBe(false);
    (doc.getElementById('page') as HTMLElement).setAttribute('style', 'display: none');
    expect(isHiddenAcrossShadow(value)).toBe(true);
    expect(isHidden(value)).toBe(false);
    expect(isHidden(host)).toBe(true);
  });

  it('isHiddenAcrossShadow agrees with isHidden where there is no shadow root', () => {
    const doc = page(
      '<div hidden><p id="a">a</p></div><p id="b" style="display:none">b</p><p id="c">c</p>',
    );
    const both = (id: string) => {
      const el = doc.getElementById(id) as Element;
      return [isHidden(el), isHiddenAcrossShadow(el)];
    };
    expect(['a', 'b', 'c'].map(both)).toEqual([
      [true, true],
      [true, true],
      [false, false],
    ]);
    const detached = doc.createElement('p');
    expect(isHiddenAcrossShadow(detached)).toBe(false);
  });
});

describe('results', () => {
  it('unreadable carries its reason', () => {
    expect(unreadable('no name')).toEqual({ status: 'unreadable', reason: 'no name' });
  });
});
