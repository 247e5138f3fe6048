import type { OutboxItem } from '../queue/outbox';
import { el } from './dom';

export interface QueueActions {
  retry(id: string): void;
  discard(id: string): void;
}

function stateText(item: OutboxItem, now: number): string {
  if (item.state === 'failed') return `失败 failed: ${item.lastError?.message ?? 'refused'}`;
  if (!item.lastError) return '等待 waiting to be sent';
  const seconds = Math.max(0, Math.round((item.nextAttemptAt - now) / 1000));
  return `等待 waiting: ${item.lastError.message} Next try in ${seconds} s.`;
}

/** The clips not on the server yet: waiting (with the last reason) or failed, each retryable. */
export function queueView(
  items: OutboxItem[],
  actions: QueueActions,
  now = Date.now(),
): HTMLElement {
  if (items.length === 0) {
    return el(
      'section',
      { class: 'queue', 'data-queue': '0' },
      el('p', { class: 'note' }, '队列为空 Every clip is on the server.'),
    );
  }
  return el(
    'section',
    { class: 'queue', 'data-queue': String(items.length) },
    el('h2', {}, `队列 Queue (${items.length})`),
    el(
      'ul',
      {},
      ...items.map((item) =>
        el(
          'li',
          { class: `queued ${item.state}`, 'data-id': item.id, 'data-state': item.state },
          el('span', { class: 'title' }, item.title),
          el('span', { class: 'state' }, stateText(item, now)),
          el(
            'button',
            { type: 'button', class: 'retry', onclick: () => actions.retry(item.id) },
            '重试 Retry',
          ),
          item.state === 'failed'
            ? el(
                'button',
                { type: 'button', class: 'discard', onclick: () => actions.discard(item.id) },
                '删除 Discard',
              )
            : null,
        ),
      ),
    ),
  );
}
