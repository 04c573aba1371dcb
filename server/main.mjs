#!/usr/bin/env node
// npm run server                          start the sync server (SQLite, 127.0.0.1:1234)
// npm run server -- invite <email> [days] print a signed invitation token for that person
// npm run server -- revoke <email>        every token issued to that person so far stops working
import { readConfig } from './config.mjs';
import { createSyncServer, openStore, secretOf } from './create-server.mjs';
import { createTokens, normaliseEmail } from './tokens.mjs';

const USAGE = 'usage: npm run server [-- invite <email> [days] | -- revoke <email>]';

async function main([command = 'serve', ...args]) {
  const config = readConfig();
  if (command === 'serve') {
    const sync = await createSyncServer(config, {
      log: (line) => console.log(`${new Date().toISOString()} ${line}`),
    });
    const port = await sync.listen();
    const scheme = config.tlsCert || config.trustProxy ? 'wss' : 'ws';
    console.log(`Rapport sync: ${scheme}://${config.address}:${port} (${sync.store.kind})`);
    const stop = async () => {
      await sync.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  if (command === 'invite' || command === 'revoke') {
    const email = normaliseEmail(args[0]);
    const store = await openStore(config);
    try {
      if (command === 'invite') {
        const days = args[1] === undefined ? 90 : Number(args[1]);
        if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error('days: 1 to 3650');
        const tokens = createTokens({ secret: secretOf(config), oidc: null, store });
        console.log(await tokens.issueInvitation(email, { days }));
      } else {
        await store.revokeTokensBefore(email, Math.floor(Date.now() / 1000));
        console.log(`every token issued to ${email} until now is revoked`);
      }
    } finally {
      await store.close();
    }
    return;
  }
  throw new Error(USAGE);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
