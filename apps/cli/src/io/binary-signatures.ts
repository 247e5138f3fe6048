/**
 * Magic numbers of formats people save next to their pages by mistake. Naming the format lets
 * the error say what to do instead (a PDF: extract its text, then use --text).
 */
export interface BinarySignature {
  /** The format as a reader would name it. */
  format: string;
  /** The file's first bytes. */
  magic: readonly number[];
  /** What to do instead, if anything. */
  hint?: string;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

export const BINARY_SIGNATURES: readonly BinarySignature[] = [
  {
    format: 'PDF',
    magic: ascii('%PDF-'),
    hint: 'extract its text first (e.g. pdftotext) and pass the .txt with --text',
  },
  {
    format: 'ZIP (or .docx/.epub)',
    magic: [0x50, 0x4b, 0x03, 0x04],
    hint: 'save the document as text or HTML first',
  },
  { format: 'PNG image', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { format: 'JPEG image', magic: [0xff, 0xd8, 0xff] },
  { format: 'GIF image', magic: ascii('GIF8') },
  { format: 'RIFF (WebP, WAV or AVI)', magic: ascii('RIFF') },
  { format: 'gzip', magic: [0x1f, 0x8b], hint: 'decompress it first' },
  // MHTML (Chrome's "save as single file") is text and goes through as HTML: not listed here.
];
