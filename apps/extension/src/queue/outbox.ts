import type { CreateClip } from '@jianbao/core/light';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/** Why an item stopped or is waiting again: the API's error code and message, or ours. */
export interface DeliveryError {
  code: string;
  message: string;
  field?: string;
}

/**
 * A clip on its way to the server. The request carries the id the extension made, so sending
 * it again after a lost answer creates nothing twice: the server answers `unchanged`.
 */
export interface OutboxItem {
  id: string;
  collectionId: string;
  request: CreateClip;
  /** For the queue's list: what the user clipped. */
  title: string;
  url: string | null;
  queuedAt: number;
  attempts: number;
  /** Not before this time (ms since the epoch). */
  nextAttemptAt: number;
  /**
   * `waiting`: will be sent when due (again after a transient failure, with `lastError`).
   * `failed`: the server refused it for good (invalid, conflict, not an article, no access);
   * kept until the user retries or discards it.
   */
  state: 'waiting' | 'failed';
  lastError?: DeliveryError;
}

interface OutboxSchema extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { byDue: number } };
}

const DB_NAME = 'jianbao';

/**
 * The extension's own store of clips not yet on the server: IndexedDB, so a clip survives the
 * popup closing, the service worker stopping and the browser restarting. A clip is written here
 * before any request is made, and leaves only when the server has it.
 */
export class Outbox {
  private constructor(private readonly db: IDBPDatabase<OutboxSchema>) {}

  static async open(name = DB_NAME): Promise<Outbox> {
    const db = await openDB<OutboxSchema>(name, 1, {
      upgrade(db) {
        const store = db.createObjectStore('outbox', { keyPath: 'id' });
        store.createIndex('byDue', 'nextAttemptAt');
      },
    });
    return new Outbox(db);
  }

  /** Queues clips, due at once. An id already queued keeps its entry (the same clip). */
  async add(
    items: Array<Pick<OutboxItem, 'collectionId' | 'request' | 'title' | 'url'>>,
    now = Date.now(),
  ): Promise<void> {
    const tx = this.db.transaction('outbox', 'readwrite');
    for (const item of items) {
      const id = item.request.id;
      if (await tx.store.get(id)) continue;
      await tx.store.put({
        ...item,
        id,
        queuedAt: now,
        attempts: 0,
        nextAttemptAt: now,
        state: 'waiting',
      });
    }
    await tx.done;
  }

  /** Everything queued, oldest first. */
  async all(): Promise<OutboxItem[]> {
    const items = await this.db.getAll('outbox');
    return items.sort((a, b) => a.queuedAt - b.queuedAt || a.id.localeCompare(b.id));
  }

  /** Waiting items due by `now`, oldest first. */
  async due(now = Date.now()): Promise<OutboxItem[]> {
    const items = await this.db.getAllFromIndex('outbox', 'byDue', IDBKeyRange.upperBound(now));
    return items
      .filter((item) => item.state === 'waiting')
      .sort((a, b) => a.queuedAt - b.queuedAt || a.id.localeCompare(b.id));
  }

  /** When the next waiting item falls due; null when none waits. */
  async nextDue(): Promise<number | null> {
    let next: number | null = null;
    for (const item of await this.db.getAll('outbox')) {
      if (item.state === 'waiting' && (next === null || item.nextAttemptAt < next)) {
        next = item.nextAttemptAt;
      }
    }
    return next;
  }

  async counts(): Promise<{ waiting: number; failed: number }> {
    const items = await this.db.getAll('outbox');
    const failed = items.filter((item) => item.state === 'failed').length;
    return { waiting: items.length - failed, failed };
  }

  /** The server has it: the clip leaves the queue. */
  async delivered(ids: string[]): Promise<void> {
    const tx = this.db.transaction('outbox', 'readwrite');
    await Promise.all(ids.map((id) => tx.store.delete(id)));
    await tx.done;
  }

  /** A transient failure: tried again at `nextAttemptAt`. */
  async postpone(ids: string[], nextAttemptAt: number, error: DeliveryError): Promise<void> {
    await this.update(ids, (item) => ({
      ...item,
      attempts: item.attempts + 1,
      nextAttemptAt,
      lastError: error,
    }));
  }

  /** Refused for good: kept, with the reason, until the user acts. */
  async fail(id: string, error: DeliveryError): Promise<void> {
    await this.update([id], (item) => ({
      ...item,
      attempts: item.attempts + 1,
      state: 'failed',
      lastError: error,
    }));
  }

  /** The user's retry: due at once, whatever it was. */
  async retry(id: string, now = Date.now()): Promise<void> {
    await this.update([id], (item) => ({ ...item, state: 'waiting', nextAttemptAt: now }));
  }

  async discard(id: string): Promise<void> {
    await this.db.delete('outbox', id);
  }

  close(): void {
    this.db.close();
  }

  private async update(ids: string[], change: (item: OutboxItem) => OutboxItem): Promise<void> {
    const tx = this.db.transaction('outbox', 'readwrite');
    for (const id of ids) {
      const item = await tx.store.get(id);
      if (item) await tx.store.put(change(item));
    }
    await tx.done;
  }
}
