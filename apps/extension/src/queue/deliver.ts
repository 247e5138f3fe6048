import { MAX_BATCH } from '@jianbao/core/light';
import { type ApiClient, ApiFailure } from '../api/client';
import { retryDelay } from './backoff';
import type { Outbox, OutboxItem } from './outbox';

export interface FlushReport {
  delivered: number;
  failed: number;
  postponed: number;
}

/**
 * Sends every due clip, a batch per collection (MAX_BATCH at most), and files each answer:
 * `created` and `unchanged` (already there: a retry after a lost answer) leave the queue;
 * `invalid`, `conflict` and `not-article` fail for good with the server's reason. A batch that
 * gets no answer (offline, server down, 5xx, 429) waits with exponential backoff; one refused as
 * a whole (signed out, no access to the collection) fails, since sending it again cannot help.
 */
export async function flushOutbox(
  outbox: Outbox,
  client: ApiClient,
  now: () => number = Date.now,
): Promise<FlushReport> {
  const report: FlushReport = { delivered: 0, failed: 0, postponed: 0 };
  const byCollection = new Map<string, OutboxItem[]>();
  for (const item of await outbox.due(now())) {
    byCollection.set(item.collectionId, [...(byCollection.get(item.collectionId) ?? []), item]);
  }
  for (const [collectionId, items] of byCollection) {
    for (let i = 0; i < items.length; i += MAX_BATCH) {
      const batch = items.slice(i, i + MAX_BATCH);
      try {
        const answer = await client.createBatch(
          collectionId,
          batch.map((item) => item.request),
        );
        const done: string[] = [];
        for (const [index, result] of answer.results.entries()) {
          const item = batch[index];
          if (!item) continue;
          if (result.status === 'created' || result.status === 'unchanged') {
            done.push(item.id);
          } else {
            report.failed++;
            await outbox.fail(item.id, {
              code: result.status,
              message:
                result.error?.message ??
                (result.reason ? `not an article (${result.reason})` : result.status),
              field: result.error?.field,
            });
          }
        }
        await outbox.delivered(done);
        report.delivered += done.length;
      } catch (error) {
        const failure =
          error instanceof ApiFailure ? error : new ApiFailure(0, 'network', String(error));
        const reason = { code: failure.code, message: failure.message, field: failure.field };
        if (failure.retryable) {
          const attempts = Math.max(...batch.map((item) => item.attempts)) + 1;
          await outbox.postpone(
            batch.map((item) => item.id),
            now() + retryDelay(attempts, failure.retryAfterMs),
            reason,
          );
          report.postponed += batch.length;
        } else {
          for (const item of batch) await outbox.fail(item.id, reason);
          report.failed += batch.length;
        }
      }
    }
  }
  return report;
}
