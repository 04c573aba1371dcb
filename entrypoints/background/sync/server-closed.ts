/**
 * Lets go of a document the server closed (access removed, an update refused). Destroying its
 * provider as usual would send the server a "close" for that document; the server, which has no
 * connection for it any more, queues that message and replays it after the next sign-in to the
 * document on the same socket, closing the new connection at once. So the provider is taken off
 * the socket's map first, and it leaves without a word.
 */
import type { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';

export function dropClosedProvider(
  socket: HocuspocusProviderWebsocket | null,
  provider: HocuspocusProvider | null,
): void {
  if (!provider) return;
  socket?.configuration.providerMap.delete(provider.configuration.name);
  provider.destroy();
}
