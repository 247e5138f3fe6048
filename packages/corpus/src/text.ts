/**
 * A clip's body as paragraphs: split at every line break (the text separates paragraphs by a
 * blank line, but a hard-wrapped or pasted text may not), each trimmed of the spaces around it
 * (including the ideographic spaces that indent Chinese paragraphs, which Markdown would read as
 * a code block), empty ones dropped.
 */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r\n|[\n\r\u2028\u2029]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** Paragraphs separated by one blank line, LF line ends, a final line break. */
export function plainBody(text: string): string {
  const ps = paragraphs(text);
  return ps.length === 0 ? '' : `${ps.join('\n\n')}\n`;
}

/** A title on one line (for a heading or a file name). */
export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').trim();
}
