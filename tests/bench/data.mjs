/**
 * Realistic, reproducible data for the benchmark: a store of many client accounts with their people
 * and follow-ups, plus the sample accounts the Gmail fixtures show (Northwind, Globex, Umbrella),
 * so the fixture threads resolve exactly as in the browser tests.
 *
 * Generated with a seeded PRNG: every run builds the same records, so runs compare.
 */
import { sampleBackup } from '../fixtures/sample-data.mjs';

const DAY = 86_400_000;

/** mulberry32: small, fast, good enough to spread names and dates. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 'a|b|c' -> ['a', 'b', 'c']: word lists stay compact. */
const words = (list) => list.split('|');

const PREFIXES = words(
  'Acme|Apex|Arcadia|Atlas|Aurora|Beacon|Birch|Blue Harbor|Bolt|Bridgeway|Brook|Cascade|' +
    'Cedar|Clearwater|Cobalt|Copper|Crest|Delta|Dover|Eastgate|Ember|Evergreen|Falcon|' +
    'Fjord|Foxglove|Granite|Greenfield|Halcyon|Harbor|Hawthorn|Helix|Highland|Horizon|Iris|' +
    'Juniper|Keystone|Kestrel|Lakeside|Lantern|Linden|Lumen|Maple|Meridian|Mistral|Monarch|' +
    'Nimbus|Nordic|Oakridge|Orbit|Orchid|Pacific|Pinnacle|Pioneer|Polaris|Quarry|Quill|' +
    'Redwood|Ridgeline|Riverbend|Rowan|Saffron|Sequoia|Silver|Solstice|Sterling|Summit|' +
    'Tamarack|Thistle|Tidewater|Trident|Union|Vanguard|Vector|Verdant|Vista|Westbrook|' +
    'Willow|Windmill|Zenith|Zephyr',
);
const TRADES = words(
  'Analytics|Biotech|Brewing|Builders|Capital|Chemicals|Consulting|Dairy|Digital|Energy|' +
    'Engineering|Foods|Freight|Health|Hotels|Insurance|Labs|Logistics|Machinery|' +
    'Manufacturing|Media|Medical|Metals|Mobility|Packaging|Pharma|Plastics|Retail|Robotics|' +
    'Shipping|Software|Solar|Systems|Telecom|Textiles|Tools|Travel|Utilities|Ventures|' +
    'Water',
);
const FORMS = ['', '', '', ' Ltd', ' GmbH', ' Group', ' Inc', ' SA', ' BV', ' AG', ' & Co'];
const TLDS = words('com|com|com|co.uk|de|fr|nl|io|es|it|com.au|ch');
const FIRST = words(
  'Aisha|Alex|Amelia|Ana|Ben|Carla|Chen|Chloe|Daniel|David|Elena|Emma|Farah|Felix|Grace|' +
    'Hannah|Hugo|Ines|Ivan|Jakob|James|Julia|Kenji|Lara|Leon|Lucas|Maria|Mateo|Mei|Mia|' +
    'Nadia|Noah|Olga|Omar|Paul|Priya|Rafael|Rosa|Ruth|Sara|Sofia|Tariq|Theo|Uma|Victor|Wen|' +
    'Yara|Yusuf|Zoe|Zofia',
);
const LAST = words(
  'Adams|Almeida|Bauer|Becker|Berg|Brown|Castro|Costa|Dubois|Eriksen|Fischer|Garcia|' +
    'Gomez|Hansen|Hoffmann|Ito|Jansen|Kaur|Khan|Kowalski|Larsen|Lee|Lopez|Martin|Meyer|' +
    "Moreau|Müller|Nakamura|Nguyen|Novak|O'Brien|Okafor|Patel|Peters|Rossi|Santos|Schmidt|" +
    'Silva|Singh|Smith|Suzuki|Tanaka|Taylor|Visser|Wagner|Walsh|Weber|Wilson|Wong|Zhang',
);
const TITLES = words(
  'CEO|COO|CFO|Head of Procurement|Procurement Manager|Operations Manager|' +
    'Supply Chain Director|IT Director|Category Manager|Buyer|Office Manager|VP Sales|' +
    'Finance Director|Logistics Lead|Project Manager',
);
const SUBJECTS = words(
  'Quarterly review|Pricing for next year|Renewal call|Site visit|Intro call|' +
    'Contract questions|Volume forecast|Invoice query|Workshop follow-up|Tender update|' +
    'Onboarding check-in|Escalation about delays|New contact introduced|Budget planning',
);
const ACTIONS = words(
  'Send the proposal|Call about the renewal|Book the QBR|Share the case study|' +
    'Confirm the volumes|Follow up on the invoice|Introduce the product team|' +
    'Check in after the tender|Send the revised pricing|Ask for the forecast',
);
const STAGES = words('tactical|cooperative|interdependent|strategic');
const POTENTIALS = words('low|medium|high');
const ROLES = words('decision_maker|influencer|champion|user|gatekeeper|blocker|unknown');
const ATTITUDES = words('supporter|neutral|sceptic');
const KINDS = words('email|call|meeting|note');

/** Domains the fixtures use: generated accounts must never claim them. */
const RESERVED = new Set([
  'northwind.co.uk',
  'globex.com',
  'umbrella-pharma.com',
  'initech-systems.com',
  'brightwave.io',
  'gmail.com',
]);

export function isoDay(ms) {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const slug = (s) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * `accounts` client companies with `peoplePerAccount` people each (on average) and `activities`
 * follow-ups spread unevenly (a few busy accounts, a long tail), plus the sample backup's records.
 * About 40% of accounts have a next action, due between 30 days ago and 60 days ahead.
 */
export function bigBackup({
  accounts: accountCount,
  activities: activityCount,
  peoplePerAccount = 2,
  now = Date.now(),
  seed = 20261128,
}) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const sample = sampleBackup(now);
  const accounts = [...sample.accounts];
  const people = [...sample.people];
  const activities = [...sample.activities];
  const usedDomains = new Set(RESERVED);
  const usedNames = new Set(accounts.map((a) => a.name));

  for (let i = 0; accounts.length < accountCount; i++) {
    let name = `${pick(PREFIXES)} ${pick(TRADES)}${pick(FORMS)}`;
    if (usedNames.has(name)) name = `${name} ${pick(['North', 'South', 'East', 'West', 'Europe'])}`;
    if (usedNames.has(name)) name = `${name} ${i}`;
    usedNames.add(name);
    const base = slug(name.replace(/ (Ltd|GmbH|Group|Inc|SA|BV|AG|& Co)$/, ''));
    let domain = `${base}.${pick(TLDS)}`;
    for (let n = 2; usedDomains.has(domain); n++) domain = `${base}${n}.${pick(TLDS)}`;
    usedDomains.add(domain);
    const id = `acc-${i.toString(36).padStart(5, '0')}`;
    const created = now - Math.floor(rnd() * 900) * DAY;
    const hasNext = rnd() < 0.4;
    accounts.push({
      id,
      name,
      domains: [domain],
      stage: pick(STAGES),
      potential: pick(POTENTIALS),
      profile: {
        goals:
          rnd() < 0.3
            ? `Grow ${pick(TRADES).toLowerCase()} volume in ${pick(['EMEA', 'the UK', 'DACH', 'Benelux', 'APAC'])}.`
            : '',
        painPoints: rnd() < 0.2 ? 'Slow invoicing; changing contacts.' : '',
        opportunities: '',
      },
      nextAction: hasNext
        ? { text: pick(ACTIONS), due: isoDay(now + Math.floor(rnd() * 91 - 30) * DAY) }
        : null,
      cadenceDays: rnd() < 0.1 ? 14 : null,
      crmRefs: [],
      createdAt: created,
      updatedAt: created + Math.floor(rnd() * 30) * DAY,
      revision: 1 + Math.floor(rnd() * 5),
    });
    const count = Math.floor(peoplePerAccount * (0.5 + rnd()) + rnd());
    for (let p = 0; p < count; p++) {
      const first = pick(FIRST);
      const last = pick(LAST);
      people.push({
        id: `per-${i.toString(36)}-${p}`,
        accountId: id,
        name: `${first} ${last}`,
        emails: [`${slug(first)}.${slug(last)}${p > 0 ? p : ''}@${domain}`],
        title: pick(TITLES),
        role: pick(ROLES),
        influence: 1 + Math.floor(rnd() * 5),
        attitude: pick(ATTITUDES),
        notes: rnd() < 0.2 ? 'Prefers email; replies in the morning.' : '',
        lastContactAt: rnd() < 0.7 ? now - Math.floor(rnd() * 200) * DAY : null,
      });
    }
  }

  // Follow-ups: a power law over accounts, so some accounts have hundreds and most a handful.
  for (let i = 0; activities.length < activityCount; i++) {
    const a = accounts[Math.floor(accounts.length * rnd() ** 2)];
    activities.push({
      id: `act-b${i.toString(36)}`,
      accountId: a.id,
      personIds: [],
      kind: pick(KINDS),
      at: now - Math.floor(rnd() * 700 * DAY),
      summary: pick(SUBJECTS),
      outcome: rnd() < 0.5 ? 'Agreed next steps; waiting for their numbers.' : '',
    });
  }

  return {
    format: 'rapport-backup',
    schemaVersion: 1,
    exportedAt: now,
    accounts,
    people,
    activities,
    decisions: sample.decisions,
    stageChanges: sample.stageChanges,
  };
}

/**
 * The backup cut into messages of at most `size` records each: accounts first, so every later
 * chunk's records find their account (importData in merge mode checks that against the store).
 */
export function chunks(backup, size) {
  const out = [];
  const kinds = ['accounts', 'people', 'activities', 'decisions', 'stageChanges'];
  const empty = () => ({
    ...backup,
    accounts: [],
    people: [],
    activities: [],
    decisions: [],
    stageChanges: [],
  });
  let current = empty();
  let count = 0;
  for (const kind of kinds) {
    for (const record of backup[kind]) {
      current[kind].push(record);
      if (++count === size) {
        out.push(current);
        current = empty();
        count = 0;
      }
    }
  }
  if (count > 0) out.push(current);
  return out;
}

/** accounts.csv as a user would export it from a CRM: `rows` new companies, quoted where needed. */
export function accountsCsv(rows, { seed = 7, now = Date.now() } = {}) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const quote = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = ['name,domains,stage,potential,next_action,next_action_due,notes'];
  for (let i = 0; i < rows; i++) {
    const name = `${pick(PREFIXES)} ${pick(TRADES)} ${seed}-${i}`;
    const domain = `${slug(name)}.${pick(TLDS)}`;
    const next = rnd() < 0.4;
    lines.push(
      [
        name,
        rnd() < 0.1 ? `${domain}; ${slug(name)}-group.com` : domain,
        pick(STAGES),
        pick(POTENTIALS),
        next ? pick(ACTIONS) : '',
        next ? isoDay(now + Math.floor(rnd() * 60) * DAY) : '',
        rnd() < 0.3 ? 'Met at the trade fair, "very keen", call after Q1' : '',
      ]
        .map(quote)
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}
