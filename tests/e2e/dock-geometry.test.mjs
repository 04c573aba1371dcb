// Docked, never over the host (issue 13), measured: on every host fixture, at 1024x700, 1440x900
// and 1920x1080, with the sidebar open and collapsed to its rail, no part of the open conversation
// or record is under the dock. Each part (subject, sender line, timestamps, body, Reply/Forward;
// for a CRM the record's name, key fields and columns) must end left of the dock, and
// document.elementFromPoint along its right edge and inside it must find the part itself, never
// <rapport-dock> and never anything else laid over it. The dock keeps to 30% of the window when
// open and is the 44 px rail when collapsed; its frame shows the account or the rail.
//
// Each window size gets its own browser, so that every page opens at that size (as a user's tab
// does), not resized after the fact; the last test resizes a window on purpose.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, screenshot, sidebar, waitFor } from './harness.mjs';
import { allowHost, openFixture } from './crm-helpers.mjs';

/**
 * utils/contract/dock-layout.ts: the rail's width, the narrowest panel, the largest share of the
 * window.
 */
const RAIL_WIDTH = 44;
const GRIP_WIDTH = 6;
const MIN_WIDTH = 240;
const MAX_SHARE = 0.3;

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];

/**
 * The parts of the open conversation or record that must stay uncovered: [what, selector, how many
 * the fixture has]. The exact count keeps a selector honest: one that matches nothing would pass
 * every geometry check. Selectors start from the adapters' own (utils/content/hosts/*.ts) where
 * they have one; the rest name the fixture's markup.
 */
const GMAIL_CONVERSATION = (messages, replyLinks) => [
  // gmail.ts THREAD_HEADING, inside MAIN_VIEW.
  ['subject', 'div[role="main"] h2[data-thread-perm-id]', 1],
  // gmail.ts SENDER_CHIP is `h3 span[email]`: the sender line is that h3, one per message.
  ['sender line', 'div[role="main"] div[data-message-id] h3:has(span[email])', messages],
  ['timestamp', 'div[role="main"] div[data-message-id] span.g3[title]', messages],
  ['recipients', 'div[role="main"] div[data-message-id] span.hb', 1],
  ['message body', 'div[role="main"] div[data-message-id] div.a3s', 1],
  [
    'Reply button in the message header',
    'div[role="main"] div[data-message-id] [role="button"][aria-label="Reply"]',
    1,
  ],
  ['Reply/Forward below the conversation', 'div[role="main"] .amn [role="link"]', replyLinks],
];

const OPEN_ITEM = '#ConversationReadingPaneContainer';

const HOSTS = [
  {
    name: 'Gmail, full-page conversation',
    host: 'gmail',
    state: 'thread',
    account: 'Northwind Logistics',
    parts: GMAIL_CONVERSATION(2, 3),
  },
  {
    name: 'Gmail, split pane',
    host: 'gmail',
    state: 'split-pane',
    account: 'Globex',
    parts: GMAIL_CONVERSATION(1, 2),
  },
  {
    name: 'Outlook, reading pane',
    host: 'outlook',
    state: 'anna',
    account: 'Northwind Logistics',
    parts: [
      // outlook.ts OPEN_ITEM, SUBJECT_HEADING, PERSONA, RECIPIENT_WELL, MESSAGE_BODY.
      ['subject', `${OPEN_ITEM} [role="heading"][aria-level="2"]`, 1],
      ['sender and recipients', `${OPEN_ITEM} span[data-lpc-hover-target-id]`, 3],
      ['recipients line', `${OPEN_ITEM} [data-testid="RecipientWell"]`, 1],
      ['timestamp', `${OPEN_ITEM} [data-testid="SentReceivedSavedTime"]`, 1],
      ['message body', `${OPEN_ITEM} div[role="document"]`, 1],
      [
        'Reply/Forward buttons',
        `${OPEN_ITEM} button:is([aria-label="Reply"], [aria-label="Reply all"], [aria-label="Forward"])`,
        5,
      ],
    ],
  },
  {
    name: 'HubSpot, company record',
    host: 'hubspot',
    state: 'company',
    account: 'Northwind Logistics',
    parts: [
      // hubspot.ts PAGE_CONTENT, LEFT_SIDEBAR, RECORD_NAME, RIGHT_SIDEBAR.
      [
        'record name',
        'main [data-test-id="left-sidebar"] [data-selenium-test="highlightTitle"]',
        1,
      ],
      [
        'key fields (domain, website, phone)',
        'main :is([data-selenium-test="property-list-item-domain"], [data-selenium-test="property-list-item-website"], [data-selenium-test="property-list-item-phone"])',
        3,
      ],
      ['left column', 'main [data-test-id="left-sidebar"]', 1],
      ['main column', 'main [data-test-id="middle-pane"]', 1],
      ['right column', 'main [data-test-id="records-right-sidebar"]', 1],
    ],
  },
  {
    name: 'Salesforce, account record',
    host: 'salesforce',
    state: 'account',
    account: 'Globex',
    parts: [
      // salesforce.ts ACTIVE_PAGE, HIGHLIGHTS, PRIMARY_FIELD, RECORD_FIELD.
      ['record name', '.oneContent.active records-highlights2 [slot="primaryField"]', 1],
      ['highlights panel', '.oneContent.active records-highlights2', 1],
      [
        'key fields (name, website, phone)',
        '.oneContent.active :is([data-target-selection-name="sfdc:RecordField.Account.Name"], [data-target-selection-name="sfdc:RecordField.Account.Website"], [data-target-selection-name="sfdc:RecordField.Account.Phone"])',
        3,
      ],
      ['main column', '.oneContent.active .region-main', 1],
      ['right column', '.oneContent.active .region-sidebar-right', 1],
    ],
  },
  {
    name: 'Pipedrive, organization',
    host: 'pipedrive',
    state: 'organization',
    account: 'Northwind Logistics',
    parts: [
      // pipedrive.ts DETAIL_VIEW, RECORD_TITLE, SIDEBAR, WEBSITE_FIELD.
      ['record name', 'main [data-testid="detail-view"] [data-testid="header-title"]', 1],
      [
        'key fields (website, address)',
        'main [data-testid="detail-view"] :is([data-testid="field-website"], [data-testid="field-address"])',
        2,
      ],
      ['fields column', 'main [data-testid="detail-view-sidebar"]', 1],
      ['main column', 'main [data-testid="detail-view-content"]', 1],
    ],
  },
];

/** The CRM and Outlook hosts are optional: the user allows each one first. */
const OPTIONAL = ['outlook', 'hubspot', 'salesforce', 'pipedrive'];

async function openHostPage(app, { host, state }) {
  return host === 'gmail' ? app.openGmail(state) : openFixture(app, host, state);
}

/**
 * Runs in the page. Measures the dock, then every part: its boxes (one per line of an inline
 * element) must end left of the dock, and points along each box's right edge and across it must
 * hit the part. Parts below the fold are scrolled into view vertically first (only vertically:
 * a part cut off on the right by a host container must stay cut off, so the check sees it).
 */
function measure(parts) {
  const dock = document.querySelector('rapport-dock');
  if (!dock) return { error: 'no <rapport-dock> in the page' };
  const describe = (el) => {
    if (!el) return 'nothing';
    if (el === dock) return '<rapport-dock>';
    const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/)[0] : '';
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `<${el.localName}${el.id ? `#${el.id}` : ''}${cls ? `.${cls}` : ''}> "${text}"`;
  };
  const round = (n) => Math.round(n * 10) / 10;
  const rect = (r) => ({
    left: round(r.left),
    right: round(r.right),
    top: round(r.top),
    bottom: round(r.bottom),
  });

  /** Scrolls the part into view vertically; scroll positions across stay as they were. */
  const reveal = (el) => {
    const across = [];
    for (let node = el.parentElement; node; node = node.parentElement) {
      across.push([node, node.scrollLeft]);
    }
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    for (const [node, left] of across) node.scrollLeft = left;
  };

  /** The part of `r` not clipped by a scrolling or clipping ancestor, nor by the window. */
  const visible = (el, r) => {
    let { left, right, top, bottom } = r;
    for (let node = el.parentElement; node && node !== document.documentElement;) {
      const style = getComputedStyle(node);
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
        const c = node.getBoundingClientRect();
        if (style.overflowX !== 'visible') {
          left = Math.max(left, c.left);
          right = Math.min(right, c.right);
        }
        if (style.overflowY !== 'visible') {
          top = Math.max(top, c.top);
          bottom = Math.min(bottom, c.bottom);
        }
      }
      node = node.parentElement ?? node.getRootNode().host ?? null;
    }
    left = Math.max(left, 0);
    top = Math.max(top, 0);
    right = Math.min(right, window.innerWidth);
    bottom = Math.min(bottom, window.innerHeight);
    return right - left >= 1 && bottom - top >= 1 ? { left, right, top, bottom } : null;
  };

  const d = dock.getBoundingClientRect();
  const problems = [];
  const counts = {};
  let points = 0;
  for (const [label, selector] of parts) {
    const elements = [...document.querySelectorAll(selector)];
    counts[label] = elements.length;
    for (const el of elements) {
      reveal(el);
      const boxes = [...el.getClientRects()].filter((b) => b.width > 0 && b.height > 0);
      if (boxes.length === 0) {
        problems.push(`${label} ${describe(el)}: no box on the page`);
        continue;
      }
      for (const box of boxes) {
        if (box.right > d.left + 0.5) {
          problems.push(
            `${label} ${describe(el)} ends at x=${round(box.right)}, past the dock's left edge at x=${round(d.left)}`,
          );
        }
        const seen = visible(el, box);
        if (!seen) {
          problems.push(`${label} ${describe(el)}: none of it is in view`);
          continue;
        }
        // The right edge, a quarter, the middle and three quarters across; at five heights from
        // top to bottom. The edge is sampled two pixels in: hit testing snaps to whole pixels, and
        // an inline neighbour that abuts the part (Gmail's "Reply" and "Forward") takes its last.
        const w = seen.right - seen.left;
        const h = seen.bottom - seen.top;
        const xs = [
          seen.right - Math.min(2, w / 2),
          ...[0.25, 0.5, 0.75].map((f) => seen.left + w * f),
        ];
        const ys = [0.1, 0.3, 0.5, 0.7, 0.9].map((f) => seen.top + h * f);
        for (const x of xs) {
          for (const y of ys) {
            points += 1;
            const hit = document.elementFromPoint(x, y);
            if (hit === el || el.contains(hit)) continue;
            problems.push(
              `${label} ${describe(el)} at (${round(x)}, ${round(y)}): ${describe(hit)} is there instead`,
            );
          }
        }
      }
    }
  }

  const frame = dock.shadowRoot?.querySelector('iframe');
  const grip = dock.shadowRoot?.querySelector('div[aria-hidden="true"]');
  const gripBox = grip?.getBoundingClientRect();
  const centre = document.elementFromPoint((d.left + d.right) / 2, (d.top + d.bottom) / 2);
  return {
    dock: rect(d),
    frame: frame ? rect(frame.getBoundingClientRect()) : null,
    grip: gripBox && gripBox.width > 0 ? rect(gripBox) : null,
    dockOnTop: centre === dock,
    dockParent: dock.parentElement?.matches('div.bAw[role="complementary"]')
      ? 'gmail-side-panel'
      : dock.parentElement === document.documentElement
        ? 'html'
        : describe(dock.parentElement),
    htmlMarginRight: document.documentElement.style.getPropertyValue('margin-right'),
    window: { width: window.innerWidth, height: window.innerHeight },
    // The page's own vertical scrollbar stays beside the dock, outside it.
    clientWidth: document.documentElement.clientWidth,
    counts,
    points,
    problems,
  };
}

/** Measures, and asserts what holds for the dock in either state and for every part. */
async function expectUncovered(page, target, mode) {
  const where = `${target.name}, ${mode}, ${page.viewportSize().width}x${page.viewportSize().height}`;
  const m = await page.evaluate(measure, target.parts);
  assert.ok(!m.error, `${where}: ${m.error}`);
  for (const [label, , count] of target.parts) {
    assert.equal(m.counts[label], count, `${where}: ${label} matched ${m.counts[label]} elements`);
  }
  assert.ok(m.points > 0, `${where}: no point was tested`);
  assert.deepEqual(m.problems, [], `${where}: covered or cut off:\n  ${m.problems.join('\n  ')}`);

  // The dock is at the window's right edge (Gmail: beside its apps rail), whole, and on top.
  assert.ok(m.dock.right <= m.window.width + 0.5, `${where}: the dock reaches past the window`);
  assert.ok(
    m.dock.top >= 0 && m.dock.bottom <= m.window.height + 0.5,
    `${where}: dock ${JSON.stringify(m.dock)}`,
  );
  assert.ok(m.dock.bottom - m.dock.top >= m.window.height / 2, `${where}: the dock is too short`);
  assert.ok(m.dockOnTop, `${where}: something of the host is over the dock`);
  const width = m.dock.right - m.dock.left;
  if (mode === 'collapsed') {
    assert.deepEqual(m.frame, m.dock, `${where}: the rail's frame does not fill the dock`);
    assert.equal(m.grip, null, `${where}: the rail has a resize grip`);
  } else {
    // The open dock is the resize grip at its inner edge, then the frame: the grip lies over
    // neither the host nor the frame (which would then count itself covered).
    assert.deepEqual(
      m.grip,
      { ...m.dock, right: m.dock.left + GRIP_WIDTH },
      `${where}: the grip is not the dock's inner edge`,
    );
    assert.deepEqual(
      m.frame,
      { ...m.dock, left: m.dock.left + GRIP_WIDTH },
      `${where}: the frame is not beside the grip`,
    );
  }
  if (target.host === 'gmail') {
    // In Gmail's side panel, in flow: Gmail's layout makes room, <html> keeps its margin.
    assert.equal(
      m.dockParent,
      'gmail-side-panel',
      `${where}: the dock is not in Gmail's side panel`,
    );
    assert.equal(m.htmlMarginRight, '', `${where}: <html> was narrowed on Gmail`);
  } else {
    assert.equal(m.dockParent, 'html', `${where}: the dock is in ${m.dockParent}`);
    assert.equal(m.dock.right, m.clientWidth, `${where}: the dock is not at the right edge`);
    assert.equal(m.htmlMarginRight, `${width}px`, `${where}: <html> is not narrowed by the dock`);
  }
  return { ...m, width };
}

async function dockWidth(page) {
  return page.evaluate(() => document.querySelector('rapport-dock')?.getBoundingClientRect().width);
}

for (const size of SIZES) {
  describe(`${size.width}x${size.height}`, () => {
    let app;
    before(async () => {
      app = await launch({ viewport: size });
      await app.seed(sampleBackup(Date.now()));
      for (const host of OPTIONAL) {
        const popup = await allowHost(app, host);
        await popup.close();
      }
    });
    after(() => app?.close());

    for (const target of HOSTS) {
      test(
        `${target.name}: nothing of it under the dock, open or collapsed`,
        { timeout: 60_000 },
        async () => {
          const page = await openHostPage(app, target);
          const shot = `dock-geometry-${target.host}-${target.state}-${size.width}`;
          try {
            assert.deepEqual(page.viewportSize(), size);
            // Open: the frame shows the account, and the dock takes at most 30% of the window.
            await expectText(sidebar(page, 'account-name'), target.account, { page });
            assert.equal(await sidebar(page).getAttribute('data-collapsed'), 'false');
            const open = await expectUncovered(page, target, 'open');
            assert.ok(
              open.width >= MIN_WIDTH && open.width <= Math.floor(size.width * MAX_SHARE),
              `open dock is ${open.width} px in a ${size.width} px window (at most ${MAX_SHARE * 100}%)`,
            );
            await screenshot(page, `${shot}-open`);

            // Collapsed by the user: the rail, 44 px, and the host takes the room back.
            await sidebar(page, 'collapse').click();
            await waitFor(async () => (await dockWidth(page)) === RAIL_WIDTH, {
              message: `the dock to become the ${RAIL_WIDTH} px rail (it is ${await dockWidth(page)} px)`,
            });
            await waitFor(
              async () => (await sidebar(page).getAttribute('data-collapsed')) === 'true',
              {
                message: 'the frame to show the rail',
              },
            );
            assert.equal(
              await sidebar(page, 'account-name').count(),
              0,
              'the rail shows no account',
            );
            assert.equal(await sidebar(page, 'collapse').getAttribute('aria-expanded'), 'false');
            const rail = await expectUncovered(page, target, 'collapsed');
            assert.equal(rail.width, RAIL_WIDTH);
            await screenshot(page, `${shot}-rail`);

            // Expanded again (the layout is the profile's: the next test starts open).
            await sidebar(page, 'collapse').click();
            await waitFor(async () => (await dockWidth(page)) === open.width, {
              message: `the dock to open again at ${open.width} px`,
            });
            await expectText(sidebar(page, 'account-name'), target.account, { page });
          } finally {
            await page.close();
          }
        },
      );
    }
  });
}

describe('a window resized with the page open', () => {
  let app;
  before(async () => {
    app = await launch({ viewport: SIZES[2] });
    await app.seed(sampleBackup(Date.now()));
    const popup = await allowHost(app, 'hubspot');
    await popup.close();
  });
  after(() => app?.close());

  for (const target of [HOSTS[0], HOSTS[3]]) {
    test(
      `${target.name}: the dock keeps within 30% and off the page`,
      { timeout: 60_000 },
      async () => {
        const page = await openHostPage(app, target);
        try {
          await expectText(sidebar(page, 'account-name'), target.account, { page });
          const wide = await dockWidth(page);
          for (const size of [SIZES[0], SIZES[1], SIZES[2]]) {
            await page.setViewportSize(size);
            const most = Math.floor(size.width * MAX_SHARE);
            await waitFor(async () => (await dockWidth(page)) <= most, {
              message: `the dock (${wide} px in the 1920 px window) to keep within ${most} px at ${size.width} px`,
            });
            await expectUncovered(page, target, `resized to ${size.width}`);
          }
        } finally {
          await page.close();
        }
      },
    );
  }
});
