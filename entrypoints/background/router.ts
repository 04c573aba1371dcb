/**
 * The background's front door: every message passes here. It checks the envelope, who sent it,
 * and the request's schema, in that order, before any handler runs. Bad input is answered
 * `{ ok: false }` and never reaches the store.
 */
import * as z from 'zod/mini';
import { MESSAGES } from '@/utils/schemas/messages';
import type { Access, MessageName, Result } from '@/utils/contract/messages';
import { senderTag } from './applied-ops';
import { handlers } from './handlers';
import { HandlerError, type HandlerContext } from './handlers/common';

export type SenderKind = 'extension-page' | 'sidebar-frame' | 'content-script' | 'foreign';

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

/** The sidebar's page, framed into host pages (the only page of ours they may load). */
export const SIDEBAR_PATH = 'sidebar.html';

/**
 * Extension pages (popup, options, accounts) are ours: same extension id and a URL under our own
 * origin. The sidebar page is ours too, but it is framed into host pages, so it gets what one
 * account at a time needs. A content script speaks for a host page the user does not control, so
 * it may only report what that page shows. Anything else is refused.
 */
export function classifySender(
  sender: SenderInfo,
  extensionId: string,
  extensionOrigin: string,
): SenderKind {
  if (sender.id !== extensionId) return 'foreign';
  if (sender.url?.startsWith(extensionOrigin)) {
    const path = new URL(sender.url).pathname.replace(/^\//, '');
    return path === SIDEBAR_PATH ? 'sidebar-frame' : 'extension-page';
  }
  if (sender.tab?.id !== undefined) return 'content-script';
  return 'foreign';
}

/** Which senders each access level admits (utils/schemas/messages.ts, `Access`). */
const ADMITS: Record<Access, readonly SenderKind[]> = {
  content: ['content-script'],
  frame: ['sidebar-frame', 'extension-page'],
  page: ['extension-page'],
};

export const mayCall = (sender: SenderKind, name: MessageName): boolean =>
  ADMITS[MESSAGES[name].access].includes(sender);

const Envelope = z.object({
  rapport: z.literal(1),
  name: z.string(),
  request: z.unknown(),
  /** Set by send(): the same id on a retry marks the same operation. */
  opId: z.optional(z.string().check(z.minLength(8), z.maxLength(64), z.regex(/^[\w-]+$/))),
});

export interface Routed {
  result: Result<unknown>;
  changed: string[];
}

export async function route(
  message: unknown,
  sender: SenderKind,
  ctx: HandlerContext,
): Promise<Routed> {
  const refuse = (code: 'invalid' | 'forbidden', error: string): Routed => ({
    result: { ok: false, code, error },
    changed: [],
  });
  if (sender === 'foreign') return refuse('forbidden', 'Messages are accepted from Rapport only.');
  const envelope = Envelope.safeParse(message);
  if (!envelope.success) return refuse('invalid', 'Not a Rapport message.');
  const name = envelope.data.name;
  if (!Object.hasOwn(MESSAGES, name))
    return refuse('invalid', `Unknown message "${name.slice(0, 40)}".`);
  const spec = MESSAGES[name as MessageName];
  if (!mayCall(sender, name as MessageName)) return refuse('forbidden', 'forbidden');
  const parsed = spec.request.safeParse(envelope.data.request);
  if (!parsed.success) return refuse('invalid', describe(parsed.error));
  try {
    const handler = handlers[name as MessageName] as (
      req: unknown,
      ctx: HandlerContext,
    ) => Promise<{ data: unknown; changed: string[] }>;
    const opId = envelope.data.opId;
    const op = opId ? { id: opId, name, sender: senderTag(sender, ctx.tabId) } : undefined;
    const { data, changed } = await handler(parsed.data, { ...ctx, op });
    return { result: { ok: true, data }, changed };
  } catch (error) {
    if (error instanceof HandlerError)
      return {
        result: {
          ok: false,
          code: error.code,
          error: error.message,
          ...(error.conflicts ? { conflicts: error.conflicts } : {}),
        },
        changed: [],
      };
    return { result: { ok: false, code: 'storage', error: storageMessage(error) }, changed: [] };
  }
}

/** One readable line per problem: "summary: must not be empty". */
function describe(error: z.core.$ZodError): string {
  const lines = error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  return lines.join('; ');
}

function storageMessage(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError')
    return 'The browser has no room left to save this. Nothing was changed.';
  if (name === 'ConstraintError') return 'That record already exists. Nothing was changed.';
  return 'Saving failed; nothing was changed. Try again.';
}
