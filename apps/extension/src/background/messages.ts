/** What the popup and options page ask of the background. */
export type BackgroundMessage = { type: 'flush' } | { type: 'queue-changed' };

export function isBackgroundMessage(value: unknown): value is BackgroundMessage {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'flush' || type === 'queue-changed';
}
