// The PostgreSQL store (RAPPORT_SYNC_DATABASE_URL=postgres://...): the same methods as
// store/sqlite.mjs, for several server instances that must share documents and access lists.
import pg from 'pg';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rapport_documents (name TEXT PRIMARY KEY, state BYTEA);
CREATE TABLE IF NOT EXISTS rapport_members (
  document TEXT NOT NULL, email TEXT NOT NULL, role TEXT NOT NULL,
  PRIMARY KEY (document, email)
);
CREATE UNIQUE INDEX IF NOT EXISTS rapport_one_owner ON rapport_members (document) WHERE role = 'owner';
CREATE TABLE IF NOT EXISTS rapport_revocations (email TEXT PRIMARY KEY, before_seconds BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS rapport_directory (
  document TEXT NOT NULL, domain TEXT NOT NULL, name TEXT NOT NULL,
  PRIMARY KEY (document, domain)
);
CREATE INDEX IF NOT EXISTS rapport_directory_by_domain ON rapport_directory (domain);
`;

export async function openPostgresStore(connectionString) {
  const pool = new pg.Pool({ connectionString, max: 10 });
  await pool.query(SCHEMA);
  const one = async (sql, params) => (await pool.query(sql, params)).rows[0] ?? null;
  return {
    kind: 'postgres',
    async fetchDocument(name) {
      const row = await one('SELECT state FROM rapport_documents WHERE name = $1', [name]);
      return row?.state ? new Uint8Array(row.state) : null;
    },
    async storeDocument(name, state) {
      await pool.query(
        'INSERT INTO rapport_documents (name, state) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET state = excluded.state',
        [name, Buffer.from(state)],
      );
    },
    async getRole(document, email) {
      const row = await one('SELECT role FROM rapport_members WHERE document = $1 AND email = $2', [
        document,
        email,
      ]);
      return row?.role ?? null;
    },
    async getOwner(document) {
      const row = await one(
        "SELECT email FROM rapport_members WHERE document = $1 AND role = 'owner'",
        [document],
      );
      return row?.email ?? null;
    },
    async claim(document, email) {
      // The partial unique index makes a second owner impossible even between two instances.
      await pool.query(
        "INSERT INTO rapport_members (document, email, role) VALUES ($1, $2, 'owner') ON CONFLICT DO NOTHING",
        [document, email],
      );
      return (await this.getOwner(document)) === email;
    },
    async setMember(document, email, role) {
      await pool.query(
        'INSERT INTO rapport_members (document, email, role) VALUES ($1, $2, $3) ON CONFLICT (document, email) DO UPDATE SET role = excluded.role',
        [document, email, role],
      );
    },
    async removeMember(document, email) {
      const result = await pool.query(
        'DELETE FROM rapport_members WHERE document = $1 AND email = $2',
        [document, email],
      );
      return result.rowCount > 0;
    },
    async listMembers(document) {
      return (
        await pool.query(
          'SELECT email, role FROM rapport_members WHERE document = $1 ORDER BY email',
          [document],
        )
      ).rows;
    },
    async listDocumentsOf(email) {
      return (
        await pool.query(
          'SELECT document AS name, role FROM rapport_members WHERE email = $1 ORDER BY document',
          [email],
        )
      ).rows;
    },
    async revokeTokensBefore(email, seconds) {
      await pool.query(
        'INSERT INTO rapport_revocations (email, before_seconds) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET before_seconds = excluded.before_seconds',
        [email, seconds],
      );
    },
    async revokedBefore(email) {
      const row = await one('SELECT before_seconds FROM rapport_revocations WHERE email = $1', [
        email,
      ]);
      return row ? Number(row.before_seconds) : null;
    },
    async setListing(document, name, domains) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('DELETE FROM rapport_directory WHERE document = $1', [document]);
        for (const domain of domains) {
          await client.query(
            'INSERT INTO rapport_directory (document, domain, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
            [document, domain, name],
          );
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async ownersOf(domain) {
      // Listed while a teammate besides the owner is on it (owner-directory.mjs); each owner's
      // first account before anyone's second, so that one person's many cannot crowd out another.
      const result = await pool.query(
        `SELECT owner, account FROM (
           SELECT o.email AS owner, d.name AS account,
             ROW_NUMBER() OVER (PARTITION BY o.email ORDER BY d.name) AS nth
           FROM rapport_directory d
           JOIN rapport_members o ON o.document = d.document AND o.role = 'owner'
           WHERE d.domain = $1 AND EXISTS (
             SELECT 1 FROM rapport_members t WHERE t.document = d.document AND t.role <> 'owner')
         ) listed ORDER BY nth, owner, account LIMIT 20`,
        [domain],
      );
      return result.rows;
    },
    async close() {
      await pool.end();
    },
  };
}
