import { browser } from 'wxt/browser';
import { Courier, RETRY_ALARM, SWEEP_ALARM } from '../background/courier';
import { clipTabNow, createMenus, type MenuOutcome, onMenuClick } from '../background/menus';
import { isBackgroundMessage } from '../background/messages';
import { Outbox } from '../queue/outbox';

// Wiring only: the work is in src/background, src/queue and src/capture.
export default defineBackground(() => {
  let opened: Promise<Outbox> | null = null;
  const outbox = () => {
    opened ??= Outbox.open();
    return opened;
  };
  const courier = new Courier(outbox);
  const report = async (outcome: MenuOutcome) => {
    if (outcome.kind === 'queued') return void courier.flush();
    if (outcome.kind === 'needs-setup') return void browser.runtime.openOptionsPage();
    if (outcome.kind === 'error') {
      await browser.action.setBadgeText({ text: '!' });
      await browser.action.setTitle({ title: `剪报: ${outcome.message}` });
    }
  };

  browser.runtime.onInstalled.addListener(() => {
    void createMenus();
    void browser.alarms.create(SWEEP_ALARM, { periodInMinutes: 1 });
    void courier.flush();
  });
  browser.runtime.onStartup.addListener(() => void courier.flush());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETRY_ALARM || alarm.name === SWEEP_ALARM) void courier.flush();
  });
  // Answered through sendResponse: a listener's returned promise is honoured only by Chrome 144+.
  browser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if (!isBackgroundMessage(message)) return undefined;
    void courier.flush().then(
      (value) => sendResponse(value ?? null),
      (error: unknown) => sendResponse({ error: String(error) }),
    );
    return true;
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    void onMenuClick(info, tab, outbox).then(report);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'clip-page' && tab?.id !== undefined) {
      void clipTabNow(tab.id, outbox).then(report);
    }
  });
  void courier.flush();
});
