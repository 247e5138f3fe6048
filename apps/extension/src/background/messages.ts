/** What the popup asks of the background: send the queue now (answered when the flush ends). */
export type BackgroundMessage = { type: 'flush' };

export function isBackgroundMessage(value: unknown): value is BackgroundMessage {
  return (value as { type?: unknown } | null)?.type === 'flush';
}
