import { describe, expect, it } from 'vitest';
import { sparseInStatistics } from '../queries/search';
import {
  LEXEME_BYTES_BUDGET,
  MAX_QUERY_LENGTH,
  parseSearchQuery,
  SearchQueryError,
  searchColumns,
  tokenize,
  tsvectorLiteral,
} from './tokens';

describe('tokenize', () => {
  it('gives each Han character and each overlapping pair', () => {
    expect(tokenize('党建引领')).toEqual(['党', '党建', '建', '建引', '引', '引领', '领']);
    expect(tokenize('党')).toEqual(['党']);
  });

  it('starts a new run at punctuation, so no pair spans it', () => {
    expect(tokenize('医院,党委')).toEqual(['医', '医院', '院', '党', '党委', '委']);
  });

  it('lower-cases words of other scripts and keeps digits, apart from Han', () => {
    expect(tokenize('ECMO治疗 2025年 COVID-19')).toEqual([
      'ecmo',
      '治',
      '治疗',
      '疗',
      '2025',
      '年',
      'covid',
      '19',
    ]);
  });

  it('takes characters outside the basic plane as one character', () => {
    expect(tokenize('𠀀中')).toEqual(['𠀀', '𠀀中', '中']);
  });
});

describe('tsvectorLiteral', () => {
  it('lists each lexeme once with its positions', () => {
    expect(tsvectorLiteral('党建党建')).toBe("'党':1,5 '党建':2,6 '建':3,7 '建党':4");
  });

  it('continues positions from one text to the next without a pair across them', () => {
    expect(tsvectorLiteral('医院', '党委')).toBe("'医':1 '医院':2 '院':3 '党':4 '党委':5 '委':6");
  });

  it('keeps at most 256 positions a lexeme and none past 16383', () => {
    const literal = tsvectorLiteral('党'.repeat(20_000));
    const positions = literal
      .match(/'党':([\d,]+)/)![1]!
      .split(',')
      .map(Number);
    expect(positions).toHaveLength(256);
    const far = tsvectorLiteral(`${'甲'.repeat(9000)}乙丙`);
    expect(far).toContain("'乙':16383");
    expect(far).toContain("'丙':16383");
  });

  it('leaves out words too long for a lexeme', () => {
    expect(tsvectorLiteral(`党建 ${'a'.repeat(101)} ${'b'.repeat(100)}`)).toBe(
      `'党':1 '党建':2 '建':3 '${'b'.repeat(100)}':4`,
    );
  });

  it('stops taking new lexemes at the byte budget, so a book still fits a tsvector', () => {
    // Characters in a scrambled order, so nearly every pair is new: 6 bytes a pair.
    const book = Array.from({ length: 200_000 }, (_, i) =>
      String.fromCodePoint(0x4e00 + ((i * 7919 + ((i * i) % 104_729)) % 20_000)),
    ).join('');
    const literal = tsvectorLiteral(book);
    // Lexeme bytes, a position count each, two bytes a position.
    const entries = [...literal.matchAll(/'([^']*)':([\d,]+)/g)];
    const bytes = entries.reduce(
      (sum, [, lexeme, list]) => sum + Buffer.byteLength(lexeme!) + 2 + 2 * list!.split(',').length,
      0,
    );
    expect(bytes).toBeLessThanOrEqual(LEXEME_BYTES_BUDGET);
    expect(bytes).toBeGreaterThan(LEXEME_BYTES_BUDGET - 10);
    expect(literal).toMatch(new RegExp(`^'${book[0]}':1[\\d,]* '${book.slice(0, 2)}':2 `));
  });

  it('is empty for text with nothing to index', () => {
    expect(tsvectorLiteral('。,!')).toBe('');
  });
});

describe('searchColumns', () => {
  it('normalises the title (traditional to simplified) and indexes title and body', () => {
    const columns = searchColumns({ title: '醫院黨建', normalizedText: '坚持党建引领' });
    expect(columns.searchTitle).toBe('医院党建');
    expect(columns.searchText).toBe('坚持党建引领');
    expect(columns.searchTokens).toContain("'医院':2");
    expect(columns.searchTokens).toMatch(/'党建':\d+,\d+/);
    expect(columns.searchTokens).not.toContain("'建坚'");
  });
});

describe('parseSearchQuery', () => {
  it('turns two Han characters into one lexeme the index alone decides', () => {
    expect(parseSearchQuery('党建')).toEqual({
      needle: '党建',
      tsquery: "'党建'",
      indexDecides: true,
      cased: false,
      lexemes: [{ lexeme: '党建', prefix: false }],
    });
    expect(parseSearchQuery('ECMO 医院').lexemes).toEqual([
      { lexeme: 'ecmo', prefix: false },
      { lexeme: '医院', prefix: false },
    ]);
    expect(parseSearchQuery('医院 ECM').lexemes.at(-1)).toEqual({ lexeme: 'ecm', prefix: true });
    expect(parseSearchQuery('党').tsquery).toBe("'党'");
    expect(parseSearchQuery('党').indexDecides).toBe(true);
  });

  it('normalises a traditional query to the simplified form clips are indexed in', () => {
    expect(parseSearchQuery('醫院').needle).toBe('医院');
    expect(parseSearchQuery(' 醫院\n黨委 ').needle).toBe('医院党委');
  });

  it('needs all bigrams of a longer phrase and a substring check', () => {
    const query = parseSearchQuery('医院党委');
    expect(query.tsquery).toBe("'医院' & '院党' & '党委'");
    expect(query.indexDecides).toBe(false);
    expect(parseSearchQuery('党建党建').tsquery).toBe("'党建' & '建党'");
  });

  it('matches the last word of a spaced script as a prefix and notes letters for case', () => {
    expect(parseSearchQuery('ECMO 治疗').tsquery).toBe("'ecmo' & '治疗'");
    expect(parseSearchQuery('治疗 ECM')).toMatchObject({
      tsquery: "'治疗' & 'ecm':*",
      cased: true,
    });
    expect(parseSearchQuery('2025年')).toMatchObject({
      tsquery: "'2025' & '年'",
      indexDecides: false,
      cased: false,
    });
  });

  it('keeps quotes and SQL out of the tsquery: only letters, digits and Han become terms', () => {
    expect(parseSearchQuery("'); drop table clips; --").tsquery).toBe(
      "'drop' & 'table' & 'clips':*",
    );
    expect(parseSearchQuery("党建'\\").tsquery).toBe("'党建'");
  });

  it('refuses a query with nothing searchable, and an over-long one', () => {
    for (const empty of ['', '   ', '，。！', '+-*', 'x'.repeat(101)]) {
      expect(() => parseSearchQuery(empty)).toThrow(SearchQueryError);
    }
    const error = (() => {
      try {
        parseSearchQuery('党'.repeat(MAX_QUERY_LENGTH + 1));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SearchQueryError);
    expect(error).toMatchObject({ problem: 'too-long', field: 'query' });
    expect(() => parseSearchQuery('党'.repeat(MAX_QUERY_LENGTH))).not.toThrow();
  });
});

describe('sparseInStatistics', () => {
  const statistics = {
    shares: new Map([
      ['医院', 0.4],
      ['院党', 0.1],
      ['党委', 0.3],
      ['主任', 0.03],
      ['远程', 0.02],
    ]),
    floor: 0.01,
    rows: 100_000,
  };
  it('reads a word from the index when its entries cost less than walking to its matches', () => {
    // 40,000 index entries to read against 21 / 0.4 clips to walk.
    expect(sparseInStatistics(parseSearchQuery('医院'), statistics)).toBe(false);
    // As common as its rarest bigram: 10,000 entries against 210 clips (× 15 × 2).
    expect(sparseInStatistics(parseSearchQuery('医院党委'), statistics)).toBe(false);
    // 3,000 entries against 700 clips: the walk is not twice as cheap.
    expect(sparseInStatistics(parseSearchQuery('主任'), statistics)).toBe(true);
    // In a table ten times larger, it is.
    expect(sparseInStatistics(parseSearchQuery('主任'), { ...statistics, rows: 1_000_000 })).toBe(
      false,
    );
    // A page of 100 takes five times the walk.
    expect(sparseInStatistics(parseSearchQuery('医院党委'), statistics, 100)).toBe(true);
    // A small table is always cheaper from the index.
    expect(sparseInStatistics(parseSearchQuery('医院'), { ...statistics, rows: 500 })).toBe(true);
  });
  it('takes any word under one row in WALK_ROWS_PER_HIT from the index, however large the table', () => {
    const huge = { ...statistics, rows: 1e9 };
    expect(sparseInStatistics(parseSearchQuery('远程'), huge)).toBe(true);
    // Not listed: under the floor.
    expect(sparseInStatistics(parseSearchQuery('汉阴'), huge)).toBe(true);
    expect(sparseInStatistics(parseSearchQuery('汉阴'), { ...huge, floor: 0.03 })).toBe(false);
  });
  it('counts a prefix, or no statistics, as dense', () => {
    expect(sparseInStatistics(parseSearchQuery('ECM'), statistics)).toBe(false);
    expect(sparseInStatistics(parseSearchQuery('汉阴'), null)).toBe(false);
  });
});
