/** The typed client side of the message contract. */
import { ext as browser } from '@/utils/shared/ext';
import type {
  Envelope,
  MessageName,
  RequestOf,
  ResponseOf,
  Result,
} from '@/utils/contract/messages';

export async function send<K extends MessageName>(
  name: K,
  request: RequestOf<K>,
): Promise<Result<ResponseOf<K>>> {
  const envelope: Envelope<K> = { rapport: 1, name, request, opId: crypto.randomUUID() };
  const first = await deliver<K>(envelope);
  // The worker can be stopped between receiving a message and answering it. Sending the same
  // envelope again is safe: the background applies an operation id at most once.
  if (!first.ok && first.code === 'disconnected' && !/invalidated/i.test(first.error)) {
    return deliver<K>(envelope);
  }
  return first;
}

async function deliver<K extends MessageName>(
  envelope: Envelope<K>,
): Promise<Result<ResponseOf<K>>> {
  try {
    const answer = (await browser.runtime.sendMessage(envelope)) as
      Result<ResponseOf<K>> | undefined;
    // No answer at all means no listener took it: the worker is gone with no replacement.
    return answer ?? { ok: false, error: 'Rapport did not answer.', code: 'disconnected' };
  } catch (e) {
    // "Extension context invalidated": the extension was updated or reloaded under this page.
    return { ok: false, error: e instanceof Error ? e.message : String(e), code: 'disconnected' };
  }
}

/** Like send(), for callers that treat a failure as an exception. */
export async function call<K extends MessageName>(
  name: K,
  request: RequestOf<K>,
): Promise<ResponseOf<K>> {
  const result = await send(name, request);
  if (!result.ok) throw new RapportError(result.error, result.code);
  return result.data;
}

export class RapportError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'RapportError';
  }
}
