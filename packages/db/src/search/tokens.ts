import { normalizeText } from './normalize';

/**
 * Chinese has no spaces, and Postgres' parsers treat a run of Han characters as one word. So the
 * index holds character bigrams of each Han run (any substring of two or more characters is then
 * a conjunction of bigrams) and single characters (one-character queries), plus lower-cased words
 * of other scripts. Tokens are made here, in TypeScript, and written as a tsvector literal: the
 * same on PGlite and PostgreSQL whatever the server's locale or text search parser.
 */

// Han first, so the word branch only takes runs of other letters and digits.
const tokenRun = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+)/gu;

/** tsvector positions stop at 16383; a lexeme keeps at most 256 of them. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;
/** A lexeme may have 2,047 bytes; longer words (a pasted hash, a run of digits) are not indexed. */
const MAX_WORD_LENGTH = 100;
/**
 * A tsvector may take 1 MB, lexemes and positions together; a text past this budget indexes no
 * new lexemes and no more positions. A clip has to be a book for it to matter.
 */
export const LEXEME_BYTES_BUDGET = 768 * 1024;
/** What a position costs in a tsvector, and a lexeme's position count. */
const POSITION_BYTES = 2;

/** Longest query accepted, in characters after normalisation. */
export const MAX_QUERY_LENGTH = 200;

/** The tokens of already-normalised text, in order, repeats kept (their count ranks). */
export function tokenize(normalized: string): string[] {
  const tokens: string[] = [];
  for (const match of normalized.matchAll(tokenRun)) {
    const [, han, word] = match;
    if (han) {
      const chars = [...han];
      for (let i = 0; i < chars.length; i++) {
        tokens.push(chars[i]!);
        if (i + 1 < chars.length) tokens.push(chars[i]! + chars[i + 1]!);
      }
    } else if (word && word.length <= MAX_WORD_LENGTH) {
      tokens.push(word.toLowerCase());
    }
  }
  return tokens;
}

/** A tsvector literal quotes each lexeme; a quote or backslash inside is escaped. */
function quoteLexeme(lexeme: string): string {
  // Tokens are letters and digits, so the escape is a guard that almost never runs.
  const escaped = needsEscape.test(lexeme)
    ? lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")
    : lexeme;
  return `'${escaped}'`;
}

const needsEscape = /['\\]/;

/**
 * The tsvector literal of normalised texts: `'党建':1,7 '建引':2 …`, positions for ts_rank's count
 * of occurrences. Each text is tokenised apart, so no bigram spans one's end and the next's start.
 * Sent as a bound parameter and cast, never spliced into SQL.
 */
export function tsvectorLiteral(...texts: string[]): string {
  const positions = new Map<string, number[]>();
  let position = 0;
  let bytes = 0;
  for (const text of texts) {
    for (const token of tokenize(text)) {
      if (position < MAX_POSITION) position++;
      const list = positions.get(token);
      if (!list) {
        const size = Buffer.byteLength(token) + 2 * POSITION_BYTES;
        if (bytes + size > LEXEME_BYTES_BUDGET) continue;
        bytes += size;
        positions.set(token, [position]);
      } else if (
        list.length < MAX_POSITIONS_PER_LEXEME &&
        list[list.length - 1] !== position &&
        bytes + POSITION_BYTES <= LEXEME_BYTES_BUDGET
      ) {
        bytes += POSITION_BYTES;
        list.push(position);
      }
    }
  }
  const entries: string[] = [];
  for (const [lexeme, list] of positions) entries.push(`${quoteLexeme(lexeme)}:${list.join(',')}`);
  return entries.join(' ');
}

/** What a clip's write stores for search: normalised title and body and their tokens. */
export interface SearchColumns {
  searchTitle: string;
  searchText: string;
  /** A tsvector literal. */
  searchTokens: string;
}

/** `normalizedText` is the clip's body, already normalised by core; the title is done here. */
export function searchColumns(clip: { title: string; normalizedText: string }): SearchColumns {
  const searchTitle = normalizeText(clip.title);
  const searchText = clip.normalizedText;
  return { searchTitle, searchText, searchTokens: tsvectorLiteral(searchTitle, searchText) };
}

export type SearchQueryProblem = 'empty' | 'too-long';

/** A query that cannot be searched: nothing searchable in it, or longer than MAX_QUERY_LENGTH. */
export class SearchQueryError extends Error {
  readonly field = 'query';
  constructor(readonly problem: SearchQueryProblem) {
    super(
      problem === 'empty'
        ? 'the search query has no letters, digits or Chinese characters to search for'
        : `the search query is longer than ${MAX_QUERY_LENGTH} characters`,
    );
    this.name = 'SearchQueryError';
  }
}

export interface SearchQuery {
  /** The query normalised as clips are: what a matching text contains. */
  needle: string;
  /** A tsquery literal: all the needle's tokens, the last word of a script with spaces as a prefix. */
  tsquery: string;
  /**
   * Whether the index alone decides a match. One or two Han characters are exactly one lexeme;
   * anything longer may have its bigrams apart in a text and needs the substring check.
   */
  indexDecides: boolean;
  /** Whether the needle has cased letters, so the substring check must ignore case. */
  cased: boolean;
  /** The tsquery's lexemes as stored in tsvectors; a prefix (`ecm:*`) is marked. */
  lexemes: { lexeme: string; prefix: boolean }[];
}

/** A tsquery literal of one lexeme of a query. */
export function lexemeQuery({ lexeme, prefix }: { lexeme: string; prefix: boolean }): string {
  return quoteLexeme(lexeme) + (prefix ? ':*' : '');
}

/** Normalises and tokenises a query the same way clips are; throws SearchQueryError. */
export function parseSearchQuery(query: string): SearchQuery {
  const needle = normalizeText(query);
  if ([...needle].length > MAX_QUERY_LENGTH) throw new SearchQueryError('too-long');
  const runs = [...needle.matchAll(tokenRun)];
  if (runs.length === 0) throw new SearchQueryError('empty');
  const terms: string[] = [];
  const lexemes: SearchQuery['lexemes'] = [];
  const term = (lexeme: string, prefix = false) => {
    terms.push(lexemeQuery({ lexeme, prefix }));
    lexemes.push({ lexeme, prefix });
  };
  for (const [index, [, han, word]] of runs.entries()) {
    if (han) {
      const chars = [...han];
      if (chars.length === 1) term(han);
      for (let i = 0; i + 1 < chars.length; i++) term(chars[i]! + chars[i + 1]!);
    } else if (word && word.length <= MAX_WORD_LENGTH) {
      // The last word may be cut short by the query's end: match it as a prefix (ECM → ecmo).
      term(word.toLowerCase(), index === runs.length - 1);
    }
  }
  const only = runs.length === 1 ? runs[0]! : null;
  const indexDecides =
    only !== null && only[1] !== undefined && [...only[1]].length <= 2 && only[0] === needle;
  if (terms.length === 0) throw new SearchQueryError('empty');
  return {
    needle,
    tsquery: [...new Set(terms)].join(' & '),
    indexDecides,
    cased: needle.toLowerCase() !== needle.toUpperCase(),
    lexemes,
  };
}
