import { browser } from 'wxt/browser';
import { ApiClient } from '../api/client';
import { type FlushReport, flushOutbox } from '../queue/deliver';
import type { Outbox } from '../queue/outbox';
import { accountItem } from '../settings/settings';

export const RETRY_ALARM = 'jianbao-retry';
/** A safety net under the retry alarm: a browser may drop a one-shot alarm. */
export const SWEEP_ALARM = 'jianbao-sweep';

/**
 * Delivers the outbox from the background: one flush at a time, then the badge shows what still
 * waits and an alarm wakes the worker when the next retry falls due (alarms survive the service
 * worker stopping; the outbox survives the browser restarting).
 */
export class Courier {
  private running: Promise<FlushReport | null> | null = null;
  private again = false;

  constructor(private readonly outbox: () => Promise<Outbox>) {}

  /** Flushes now; a call during a flush makes that flush run once more when it ends. */
  flush(): Promise<FlushReport | null> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<FlushReport | null> {
    const outbox = await this.outbox();
    let report: FlushReport | null = null;
    do {
      this.again = false;
      const account = await accountItem.getValue();
      if (!account) break;
      const client = new ApiClient({ baseUrl: account.server, token: account.token });
      report = await flushOutbox(outbox, client);
    } while (this.again);
    await this.showQueue(outbox);
    return report;
  }

  /** Badge: how many clips are not on the server yet; red when one needs the user. */
  async showQueue(outbox?: Outbox): Promise<void> {
    const box = outbox ?? (await this.outbox());
    const { waiting, failed } = await box.counts();
    const total = waiting + failed;
    await browser.action.setBadgeText({ text: total > 0 ? String(total) : '' });
    await browser.action.setBadgeBackgroundColor({ color: failed > 0 ? '#c0392b' : '#2c6fbb' });
    await browser.action.setTitle({
      title:
        total === 0
          ? '剪报: clip this page'
          : `剪报: ${waiting} waiting to be sent${failed > 0 ? `, ${failed} failed` : ''}`,
    });
    const next = await box.nextDue();
    if (next !== null) {
      await browser.alarms.create(RETRY_ALARM, { when: Math.max(next, Date.now() + 1_000) });
    } else {
      await browser.alarms.clear(RETRY_ALARM);
    }
  }
}
