// A backup of a shared account restored into a profile with no sync record for it: the account
// is offered to rejoin, in the sidebar's card and the account page's share panel, naming who
// shares it and on which server; nothing of it is sent until the person clicks Rejoin, and then
// the team's copy and the restored one merge. "Not now" keeps it unjoined.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, sidebar, waitFor } from './harness.mjs';
import { msg, shot } from './pages-helpers.mjs';
import { ruMsg, teamOnServer } from './team-helpers.mjs';

const ACCOUNT = 'acc-northwind';
const team = teamOnServer();

/** The account page's share panel. */
const shareOf = (page) => page.locator('section[aria-labelledby="share-heading"]');
const peopleOf = async (app) =>
  (await app.call('getAccount', { id: ACCOUNT })).people.map((p) => p.name);
const accountOf = async (app) => (await app.call('getAccount', { id: ACCOUNT })).account;

test(
  'a restored shared account is offered; Rejoin merges it, Not now keeps it apart',
  { timeout: 120_000 },
  async () => {
    const { server } = team;
    const [alice, bob, carol] = await Promise.all([
      team.profile(),
      team.profile(),
      team.profile({ lang: 'ru' }),
    ]);
    await alice.seed(sampleBackup(Date.now()));
    await team.signIn(alice, 'alice@firm.com');
    await alice.call('shareAccount', {
      accountId: ACCOUNT,
      members: [
        { email: 'bob@firm.com', role: 'editor' },
        { email: 'carol@firm.com', role: 'editor' },
      ],
    });
    // The team goes on after the backups were made.
    const before = await accountOf(alice);
    await alice.call('updateAccount', {
      id: ACCOUNT,
      patch: { name: 'Northwind Logistics (team)' },
      base: { name: before.name },
    });

    // bob and carol restore the backup (the same sample), then connect: offered, not joined.
    await bob.seed(sampleBackup(Date.now()));
    await carol.seed(sampleBackup(Date.now()));
    // bob notes a person of his own before deciding.
    await bob.call('upsertPerson', { accountId: ACCOUNT, name: 'Dana Restored', emails: [] });
    await team.signIn(bob, 'bob@firm.com');
    await team.signIn(carol, 'carol@firm.com', { say: ruMsg });
    const host = new URL(server.url).host;
    const offerEn = msg('syncOffer', 'alice@firm.com', host);
    await waitFor(async () => (await bob.call('getAccountSync', { accountId: ACCOUNT }))?.offer, {
      timeout: 15_000,
      message: 'bob to be offered the account',
    });

    // The sidebar's card: the offer, a link to the account page, and Not now.
    const gmail = await bob.openGmail('thread');
    const card = sidebar(gmail, 'sidebar').locator('[data-sync-offer]');
    await expectText(card, offerEn, { page: gmail, timeout: 15_000 });
    await expectText(card, msg('syncRejoinReview'), { page: gmail });
    await shot(gmail, 'team-rejoin-offer-card-en');

    // The account page: the offer with its Rejoin button, and no share form meanwhile.
    const page = await bob.openPage(`accounts.html#account=${ACCOUNT}`);
    const panel = shareOf(page).locator('[data-sync-offer]');
    await expectText(panel, offerEn, { timeout: 15_000 });
    assert.equal(
      await shareOf(page).locator('.share-form').count(),
      0,
      'no share form for an offer',
    );
    await shot(page, 'team-rejoin-offer-panel-en', { element: shareOf(page) });

    // Nothing of bob's left his browser, and nothing of the team's reached it.
    await new Promise((r) => setTimeout(r, 1500));
    assert.ok(!(await peopleOf(alice)).includes('Dana Restored'), 'nothing sent before Rejoin');
    assert.equal((await accountOf(bob)).name, before.name, 'nothing joined before Rejoin');

    await page.getByTestId('rejoin').click();
    await expectText(
      shareOf(page).locator('[data-sync-line]'),
      msg('syncShared', msg('syncSynced')),
      {
        timeout: 20_000,
      },
    );
    await expectText(shareOf(page).locator('.note.ok'), msg('syncRejoined'));
    await waitFor(async () => (await accountOf(bob)).name === 'Northwind Logistics (team)', {
      timeout: 15_000,
      message: 'the team’s rename to reach bob',
    });
    await waitFor(async () => (await peopleOf(alice)).includes('Dana Restored'), {
      timeout: 15_000,
      message: 'the person only bob had to reach alice',
    });
    await expectText(page.locator('.editor-head h1'), 'Northwind Logistics (team)', {
      timeout: 15_000,
    });
    await shot(page, 'team-rejoin-done-en', { element: shareOf(page) });
    assert.equal(await card.count(), 0, 'the card no longer offers it');
    await gmail.close();

    // carol, in Russian: the same offer; "Not now" on the card keeps it apart.
    const offerRu = ruMsg('syncOffer', 'alice@firm.com', host);
    const carolMail = await carol.openGmail('thread');
    const carolCard = sidebar(carolMail, 'sidebar').locator('[data-sync-offer]');
    await expectText(carolCard, offerRu, { page: carolMail, timeout: 20_000 });
    await shot(carolMail, 'team-rejoin-offer-card-ru');
    const carolPage = await carol.openPage(`accounts.html#account=${ACCOUNT}`);
    await expectText(shareOf(carolPage).locator('[data-sync-offer]'), offerRu, { timeout: 15_000 });
    await shot(carolPage, 'team-rejoin-offer-panel-ru', { element: shareOf(carolPage) });
    await carolCard.getByRole('button', { name: ruMsg('syncNotNow') }).click();
    await waitFor(async () => (await carolCard.count()) === 0, {
      timeout: 10_000,
      message: 'the card to stop asking',
    });
    const state = await carol.call('getAccountSync', { accountId: ACCOUNT });
    assert.equal(state?.offer?.dismissed, true);
    assert.equal((await accountOf(carol)).name, before.name, 'carol did not join');
    // The account page still offers it, without "Not now".
    await carolPage.reload();
    await expectText(shareOf(carolPage).locator('[data-sync-offer]'), offerRu, { timeout: 15_000 });
    assert.equal(
      await carolPage
        .locator('[data-sync-offer]')
        .getByRole('button', { name: ruMsg('syncNotNow') })
        .count(),
      0,
    );
  },
);
