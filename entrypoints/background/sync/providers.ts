/**
 * One document's Hocuspocus provider on the worker's one WebSocket, and what the server tells it:
 * synced, access taken away, an update refused. Shared by the account documents and the
 * person's own (personal-sync.ts).
 */
import { HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type * as Y from 'yjs';
import { updateRefusal, type SyncError } from './sync-errors';

/** Hocuspocus's reason for a connection closed for lack of access (@hocuspocus/common). */
const FORBIDDEN = 'Forbidden';

export interface ProviderEvents {
  onSynced: () => void;
  /** The server refused this browser's update (too large, another person's name on it). */
  onRefused: (error: SyncError) => void;
  /** Access to the document was taken away. */
  onForbidden?: () => void;
  /** The count of changes the server has not acknowledged moved. */
  onUnsyncedChanges?: () => void;
}

export function attachProvider(
  socket: HocuspocusProviderWebsocket,
  doc: { name: string; document: Y.Doc; token: string },
  events: ProviderEvents,
): HocuspocusProvider {
  const { onForbidden, onUnsyncedChanges } = events;
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    ...doc,
    onSynced: events.onSynced,
    ...(onForbidden && { onAuthenticationFailed: onForbidden }),
    ...(onUnsyncedChanges && { onUnsyncedChanges }),
    // The server closes one document's connection with FORBIDDEN when access is removed
    // (server/auth-extension.mjs), with others when it refuses an update (update-guard.mjs);
    // a network cut closes the socket with yet another.
    onClose: ({ event }) => {
      const refusal = updateRefusal(event.reason);
      if (event.reason === FORBIDDEN) onForbidden?.();
      else if (refusal) events.onRefused(refusal);
    },
  });
  provider.attach();
  return provider;
}
