/** The accounts table, a page at a time (account-pages.ts does the reading). */
import { unwrap } from 'idb';
import { readAccountPage } from '../account-pages';
import { accountCount } from '../account-count';
import { writesSoFar } from '../due-count';
import { whenKeysReady } from '../key-rewrite';
import { today } from '@/utils/shared/dates';
import type { Handlers } from './common';

export const accountPageHandlers = {
  async listAccountsPage(req, ctx) {
    // The indexes hold every account only once the key rewrite after an upgrade is done: until
    // then the page waits (the sidebar's lookups read the rest as it is instead).
    await whenKeysReady(ctx.db);
    const writes = writesSoFar(ctx.db);
    const data = await readAccountPage(unwrap(ctx.db), req, today(ctx.now()), (store) =>
      accountCount(ctx.db, store, writes),
    );
    return { data, changed: [] };
  },
} satisfies Partial<Handlers>;
