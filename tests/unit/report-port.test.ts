/**
 * The content script's report port (utils/content/report-port.ts): one port for every report,
 * opened only by a report, and no report lost when the worker stops before acknowledging it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageRead } from '@/utils/contract/messages';

type Listener = (message: unknown) => void;
interface FakePort {
  posted: unknown[];
  message: Listener[];
  disconnect: (() => void)[];
}
const ports: FakePort[] = [];
let connectFails = false;
const sent: unknown[] = [];

vi.mock('@/utils/shared/ext', () => ({
  ext: {
    runtime: {
      connect: ({ name }: { name: string }) => {
        if (connectFails) throw new Error('Extension context invalidated.');
        expect(name).toBe('rapport:report');
        const port: FakePort = { posted: [], message: [], disconnect: [] };
        ports.push(port);
        return {
          postMessage: (m: unknown) => port.posted.push(m),
          onMessage: { addListener: (l: Listener) => port.message.push(l) },
          onDisconnect: { addListener: (l: () => void) => port.disconnect.push(l) },
        };
      },
    },
  },
}));
vi.mock('@/utils/contract/send', () => ({
  send: async (name: string, request: unknown) => {
    sent.push({ name, request });
    return { ok: true, data: true };
  },
}));

const { reportSender } = await import('@/utils/content/report-port');

const read = (host: 'gmail' | 'outlook'): PageRead => ({
  status: 'none',
  host,
  url: `https://example.com/${host}`,
});
const opIdOf = (m: unknown) => (m as { opId: string }).opId;
const ack = (port: FakePort, message: unknown, ok = true) =>
  port.message.forEach((l) => l({ rapport: 1, event: 'reported', opId: opIdOf(message), ok }));
const close = (port: FakePort) => port.disconnect.forEach((l) => l());

beforeEach(() => {
  ports.length = 0;
  sent.length = 0;
  connectFails = false;
});

describe('the report port', () => {
  it('sends every report on one port, opened by the first report', () => {
    const report = reportSender();
    expect(ports).toHaveLength(0);
    report(read('gmail'));
    report(read('outlook'));
    expect(ports).toHaveLength(1);
    expect(ports[0]!.posted).toMatchObject([
      { rapport: 1, name: 'reportContext', request: read('gmail') },
      { rapport: 1, name: 'reportContext', request: read('outlook') },
    ]);
    expect(sent).toEqual([]);
  });

  it('a port closed after its report was acknowledged sends nothing and opens nothing', () => {
    const report = reportSender();
    report(read('gmail'));
    ack(ports[0]!, ports[0]!.posted[0]);
    close(ports[0]!);
    expect(sent).toEqual([]);
    expect(ports).toHaveLength(1);
    // The next report opens a new port.
    report(read('outlook'));
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted).toHaveLength(1);
  });

  it('a report unacknowledged when the port closes is sent again the one-off way, once', () => {
    const report = reportSender();
    report(read('gmail'));
    report(read('outlook'));
    // Only the older one was acknowledged: the newer is what the tab shows, and was lost.
    ack(ports[0]!, ports[0]!.posted[0]);
    close(ports[0]!);
    expect(sent).toEqual([{ name: 'reportContext', request: read('outlook') }]);
    close(ports[0]!);
    expect(sent).toHaveLength(1);
  });

  it('an acknowledgement of another report does not count', () => {
    const report = reportSender();
    report(read('gmail'));
    ports[0]!.message.forEach((l) => l({ rapport: 1, event: 'reported', opId: 'other', ok: true }));
    close(ports[0]!);
    expect(sent).toEqual([{ name: 'reportContext', request: read('gmail') }]);
  });

  it('without a port to open (the extension reloaded), the report goes the one-off way', () => {
    connectFails = true;
    const report = reportSender();
    report(read('gmail'));
    expect(sent).toEqual([{ name: 'reportContext', request: read('gmail') }]);
  });
});
