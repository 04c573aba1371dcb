// The embedded default: one SQLite file holds the documents' Yjs state, the access lists and the
// revocations. better-sqlite3 is synchronous; the methods are async so that the PostgreSQL store
// (store/postgres.mjs) has the same shape.
import Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, state BLOB);
CREATE TABLE IF NOT EXISTS members (
  document TEXT NOT NULL, email TEXT NOT NULL, role TEXT NOT NULL,
  PRIMARY KEY (document, email)
);
CREATE TABLE IF NOT EXISTS revocations (email TEXT PRIMARY KEY, before_seconds INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS directory (
  document TEXT NOT NULL, domain TEXT NOT NULL, name TEXT NOT NULL,
  PRIMARY KEY (document, domain)
);
CREATE INDEX IF NOT EXISTS directory_by_domain ON directory (domain);
`;

export function openSqliteStore(file) {
  const db = new Database(file);
  // WAL lets several server processes on one machine share the file (the Redis set-up).
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const q = {
    fetch: db.prepare('SELECT state FROM documents WHERE name = ?'),
    store: db.prepare(
      'INSERT INTO documents (name, state) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET state = excluded.state',
    ),
    role: db.prepare('SELECT role FROM members WHERE document = ? AND email = ?'),
    owner: db.prepare("SELECT email FROM members WHERE document = ? AND role = 'owner'"),
    claim: db.prepare(
      "INSERT OR IGNORE INTO members (document, email, role) VALUES (?, ?, 'owner')",
    ),
    set: db.prepare(
      'INSERT INTO members (document, email, role) VALUES (?, ?, ?) ON CONFLICT(document, email) DO UPDATE SET role = excluded.role',
    ),
    remove: db.prepare('DELETE FROM members WHERE document = ? AND email = ?'),
    list: db.prepare('SELECT email, role FROM members WHERE document = ? ORDER BY email'),
    of: db.prepare('SELECT document AS name, role FROM members WHERE email = ? ORDER BY document'),
    revoke: db.prepare(
      'INSERT INTO revocations (email, before_seconds) VALUES (?, ?) ON CONFLICT(email) DO UPDATE SET before_seconds = excluded.before_seconds',
    ),
    revoked: db.prepare('SELECT before_seconds FROM revocations WHERE email = ?'),
    unlist: db.prepare('DELETE FROM directory WHERE document = ?'),
    listing: db.prepare(
      'INSERT OR IGNORE INTO directory (document, domain, name) VALUES (?, ?, ?)',
    ),
    // Listed while a teammate besides the owner is on it (owner-directory.mjs); each owner's
    // first account before anyone's second, so that one person's many cannot crowd out another.
    owners: db.prepare(
      `SELECT owner, account FROM (
         SELECT o.email AS owner, d.name AS account,
           ROW_NUMBER() OVER (PARTITION BY o.email ORDER BY d.name) AS nth
         FROM directory d
         JOIN members o ON o.document = d.document AND o.role = 'owner'
         WHERE d.domain = ? AND EXISTS (
           SELECT 1 FROM members t WHERE t.document = d.document AND t.role <> 'owner')
       ) listed ORDER BY nth, owner, account LIMIT 20`,
    ),
  };
  const setListing = db.transaction((document, name, domains) => {
    q.unlist.run(document);
    for (const domain of domains) q.listing.run(document, domain, name);
  });
  const claim = db.transaction((document, email) => {
    const owner = q.owner.get(document);
    if (owner) return owner.email === email;
    q.claim.run(document, email);
    return true;
  });
  return {
    kind: 'sqlite',
    async fetchDocument(name) {
      const row = q.fetch.get(name);
      return row?.state ? new Uint8Array(row.state) : null;
    },
    async storeDocument(name, state) {
      q.store.run(name, Buffer.from(state));
    },
    async getRole(document, email) {
      return q.role.get(document, email)?.role ?? null;
    },
    async getOwner(document) {
      return q.owner.get(document)?.email ?? null;
    },
    async claim(document, email) {
      return claim(document, email);
    },
    async setMember(document, email, role) {
      q.set.run(document, email, role);
    },
    async removeMember(document, email) {
      return q.remove.run(document, email).changes > 0;
    },
    async listMembers(document) {
      return q.list.all(document);
    },
    async listDocumentsOf(email) {
      return q.of.all(email);
    },
    async revokeTokensBefore(email, seconds) {
      q.revoke.run(email, seconds);
    },
    async revokedBefore(email) {
      return q.revoked.get(email)?.before_seconds ?? null;
    },
    async setListing(document, name, domains) {
      setListing(document, name, domains);
    },
    async ownersOf(domain) {
      return q.owners.all(domain);
    },
    async close() {
      db.close();
    },
  };
}
