/**
 * Waits for a document's first exchange with the server, a few seconds at most. Sharing an
 * account pushes the store only after it, so that a document the server kept from before (the
 * account was shared once, then not) is the base this browser's changes are made on: its later
 * edits then win over the old state instead of racing it as concurrent writes.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider';

export function firstSync(provider: HocuspocusProvider | null, ms: number): Promise<boolean> {
  if (!provider) return Promise.resolve(false);
  if (provider.isSynced) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (synced: boolean) => {
      clearTimeout(timer);
      provider.off('synced', onSynced);
      resolve(synced);
    };
    const onSynced = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    provider.on('synced', onSynced);
  });
}
