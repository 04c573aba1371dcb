// The server's signing secret: generated once (32 random bytes) into a file only its owner can
// read, so that `npm run server` needs no set-up and invitations survive restarts. Several
// instances share it through RAPPORT_SYNC_SECRET_FILE on a shared volume or RAPPORT_SYNC_SECRET.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export function loadOrCreateSecret(file) {
  try {
    const text = readFileSync(file, 'utf8').trim();
    if ((statSync(file).mode & 0o077) !== 0) {
      throw new Error(`${file} is readable by others: chmod 600 it`);
    }
    if (text.length < 43) throw new Error(`${file} holds no usable secret (too short)`);
    return text;
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  // 'wx' fails if another process created the file meanwhile; read theirs then.
  try {
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if (error.code === 'EEXIST') return loadOrCreateSecret(file);
    throw error;
  }
  return secret;
}
