// The Hocuspocus hooks that hold the access rules on the server, not only in the UI:
// - onAuthenticate: a verified token and a role on this document, or the connection is refused;
//   viewers' connections are read-only (Hocuspocus then drops their updates).
// - beforeHandleMessage: the role is read again for every message, so a revocation or a change
//   of role made through another instance or the command line applies to the next message.
// - a sweep every `sweepMs` closes connections that lost access even if they only listen.
import { Forbidden } from '@hocuspocus/common';
import { roleFor, connectionsOf } from './access.mjs';

export function createAuthExtension({ tokens, store, sweepMs = 2000, log = () => {} }) {
  let instance = null;
  let sweep = null;

  async function applyRole(connection, documentName) {
    const { email, issuedAt } = connection.context ?? {};
    if (!email || (await tokens.isRevoked({ email, issuedAt }))) return false;
    const role = await roleFor(store, documentName, email);
    if (role === null) return false;
    connection.readOnly = role === 'viewer';
    return true;
  }

  async function sweepOnce() {
    if (!instance) return;
    for (const [name] of instance.documents) {
      for (const connection of connectionsOf(instance, name)) {
        if (!(await applyRole(connection, name))) {
          log(`closing ${connection.context?.email} on ${name}: access removed`);
          connection.close(Forbidden);
        }
      }
    }
  }

  return {
    extensionName: 'rapport-access',
    // Before the persistence extension loads anything.
    priority: 1000,
    async onConfigure(payload) {
      instance = payload.instance;
    },
    async onListen() {
      if (sweepMs > 0 && !sweep) {
        sweep = setInterval(() => void sweepOnce().catch((e) => log(String(e))), sweepMs);
        sweep.unref();
      }
    },
    async onDestroy() {
      if (sweep) clearInterval(sweep);
      sweep = null;
    },
    async onAuthenticate({ token, documentName, connectionConfig }) {
      let email, issuedAt;
      try {
        ({ email, issuedAt } = await tokens.verify(token));
      } catch (error) {
        log(`refused a connection to ${documentName}: ${error.message}`);
        throw Forbidden;
      }
      const role = await roleFor(store, documentName, email);
      if (role === null) {
        log(`refused ${email} on ${documentName}: no access`);
        throw Forbidden;
      }
      connectionConfig.readOnly = role === 'viewer';
      return { email, issuedAt, role };
    },
    async beforeHandleMessage({ connection, documentName }) {
      if (!(await applyRole(connection, documentName))) throw Forbidden;
    },
    /** Closes the connections of `email` on `documentName` at once (after a revocation). */
    closeConnections(documentName, email) {
      for (const connection of connectionsOf(instance, documentName, email)) {
        connection.close(Forbidden);
      }
    },
  };
}
