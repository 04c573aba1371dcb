/**
 * How a content script's reports reach the worker: on one long-lived port, the fastest way a
 * message crosses from the page's process to the worker (no channel to open per message).
 *
 * The port closes whenever the worker stops (idle, or killed). It is opened again by the next
 * report only, so an idle tab never wakes the worker. A report the worker had not acknowledged
 * when the port closed may never have been handled: it is sent again the one-off way, whose retry
 * wakes a stopped worker (the worker takes the same read twice as one).
 */
import type { Runtime } from 'webextension-polyfill';
import { ext as browser } from '@/utils/shared/ext';
import { REPORT_PORT, isReportAck } from '@/utils/contract/events';
import type { Envelope, PageRead } from '@/utils/contract/messages';
import { send } from '@/utils/contract/send';

export function reportSender(): (report: PageRead) => void {
  let port: Runtime.Port | null = null;
  /** The last report sent on the port and not yet acknowledged. */
  let pending: Envelope<'reportContext'> | null = null;

  const resend = () => {
    const lost = pending;
    pending = null;
    if (lost) void send('reportContext', lost.request);
  };

  const open = () => {
    const opened = browser.runtime.connect({ name: REPORT_PORT });
    opened.onMessage.addListener((message: unknown) => {
      if (isReportAck(message) && message.opId === pending?.opId) pending = null;
    });
    opened.onDisconnect.addListener(() => {
      if (port !== opened) return;
      port = null;
      resend();
    });
    return opened;
  };

  return (report) => {
    const envelope: Envelope<'reportContext'> = {
      rapport: 1,
      name: 'reportContext',
      request: report,
      opId: crypto.randomUUID(),
    };
    pending = envelope;
    try {
      port ??= open();
      port.postMessage(envelope);
    } catch {
      // The extension was reloaded under this page, or the port closed just now.
      port = null;
      resend();
    }
  };
}
