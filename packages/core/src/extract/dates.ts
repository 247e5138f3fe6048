/**
 * Chinese dates as pages write them: 2024-11-20 23:46:40, 2024年11月20日 23:46, 2024/11/20,
 * 2024.11.20, 20241120; and dates without a year (e-paper `日期:12-24`, 11月23日), whose year is
 * inferred from a reference day (the page's own clock, or now).
 */
export interface FoundDate {
  year: number | null;
  month: number;
  day: number;
  hour: number | null;
  minute: number | null;
  second: number | null;
  /** A magazine issue (`1998年3月号`) is known only to the month. */
  precision?: 'month';
  /** Where in the searched string the date starts and ends. */
  index: number;
  length: number;
}

const FULL =
  /(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(?:[T\s]|星期.|周.)*\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?/g;
/**
 * Day and month before the year: `9/17/2004 5:54:13 AM` (ASP.NET's en-US, month first, with
 * AM/PM) or `06/02/2022 - 13:48` (European, day first).
 */
const SLASHED =
  /(?<![\d/])(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})(?:\s*-?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?(?![\d/])/gi;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** `May 2018`, `(Sept. 2005)`: an English month and year, as journals date an issue. */
const EN_MONTH_YEAR =
  /\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+((?:19|20)\d{2})\b/gi;
/** `1998年3月号`, `2003年5月`: a month with no day. */
const MONTH_ONLY = /(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?!\s*\d)/g;
const COMPACT = /(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])([0-2]\d|3[01])(?!\d)/g;
const NO_YEAR =
  /(?<![\d\-/.年])(\d{1,2})\s*[-/月]\s*(\d{1,2})\s*日?(?![\d\-/.])(?:\s+(\d{1,2})[:：](\d{2})(?::(\d{2}))?)?/g;

function valid(
  y: number | null,
  mo: number,
  d: number,
  h: number | null,
  mi: number | null,
  s: number | null,
) {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  if (y !== null && (y < 1990 || y > 2100)) return false;
  if (h !== null && (h > 23 || (mi ?? 0) > 59 || (s ?? 0) > 59)) return false;
  return true;
}

const num = (s: string | undefined) => (s === undefined ? null : Number(s));

/** Every date in `text`, in order. Dates with a year are found first; yearless ones only where no full date overlaps. */
export function findDates(
  text: string,
  opts: { allowYearless?: boolean; allowCompact?: boolean; allowMonth?: boolean } = {},
): FoundDate[] {
  const found: FoundDate[] = [];
  const add = (d: Omit<FoundDate, 'index' | 'length'>, m: RegExpMatchArray) => {
    if (!valid(d.year, d.month, d.day, d.hour, d.minute, d.second)) return;
    if (overlaps(found, m.index!, m[0].length)) return;
    found.push({ ...d, index: m.index!, length: m[0].length });
  };
  for (const m of text.matchAll(FULL)) {
    add(
      {
        year: num(m[1]),
        month: Number(m[2]),
        day: Number(m[3]),
        hour: num(m[4]),
        minute: num(m[5]),
        second: num(m[6]),
      },
      m,
    );
  }
  for (const m of text.matchAll(SLASHED)) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    // Month first when the page says AM/PM (en-US) or the second number cannot be a month.
    const monthFirst = b > 12 || (!!m[7] && a <= 12);
    let hour = num(m[4]);
    if (hour !== null && m[7]) hour = (hour % 12) + (m[7].toUpperCase() === 'PM' ? 12 : 0);
    const [month, day] = monthFirst ? [a, b] : [b, a];
    add({ year: Number(m[3]), month, day, hour, minute: num(m[5]), second: num(m[6]) }, m);
  }
  if (opts.allowCompact) {
    for (const m of text.matchAll(COMPACT)) {
      add(
        {
          year: Number(m[1]),
          month: Number(m[2]),
          day: Number(m[3]),
          hour: null,
          minute: null,
          second: null,
        },
        m,
      );
    }
  }
  if (opts.allowMonth) {
    for (const m of text.matchAll(EN_MONTH_YEAR)) {
      const month = MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1;
      add(
        {
          year: Number(m[2]),
          month,
          day: 1,
          hour: null,
          minute: null,
          second: null,
          precision: 'month',
        },
        m,
      );
    }
    for (const m of text.matchAll(MONTH_ONLY)) {
      add(
        {
          year: Number(m[1]),
          month: Number(m[2]),
          day: 1,
          hour: null,
          minute: null,
          second: null,
          precision: 'month',
        },
        m,
      );
    }
  }
  if (opts.allowYearless) {
    for (const m of text.matchAll(NO_YEAR)) {
      add(
        {
          year: null,
          month: Number(m[1]),
          day: Number(m[2]),
          hour: num(m[3]),
          minute: num(m[4]),
          second: num(m[5]),
        },
        m,
      );
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

function overlaps(found: FoundDate[], index: number, length: number) {
  return found.some((f) => index < f.index + f.length && f.index < index + length);
}

export interface DayRef {
  year: number;
  month: number;
  day: number;
}

/** The year of a yearless date: the latest such day on or before the reference day. */
export function inferYear(month: number, day: number, ref: DayRef): number {
  const after = month > ref.month || (month === ref.month && day > ref.day);
  return after ? ref.year - 1 : ref.year;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * ISO 8601 for a found date: a day stays a day (`2023-08-09`); a time gets seconds and the
 * China Standard Time offset (`2023-07-11T21:05:00+08:00`), the pages giving none.
 */
export function toIso(date: FoundDate, ref?: DayRef): string | null {
  const year = date.year ?? (ref ? inferYear(date.month, date.day, ref) : null);
  if (year === null) return null;
  if (date.precision === 'month') return `${year}-${pad(date.month)}`;
  const day = `${year}-${pad(date.month)}-${pad(date.day)}`;
  if (date.hour === null || date.minute === null) return day;
  return `${day}T${pad(date.hour)}:${pad(date.minute)}:${pad(date.second ?? 0)}+08:00`;
}

/** A machine date from a meta tag or JSON-LD (`2023-08-09T09:08:52+08:00`, `2023-08-09 09:08`) → ISO. */
export function isoFromMachineDate(value: string): string | null {
  const v = value.trim();
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?/.exec(
      v,
    );
  if (!m) {
    const found = findDates(v, { allowCompact: true })[0];
    return found ? toIso(found) : null;
  }
  const [, y, mo, d, h, mi, s, zone] = m;
  if (!valid(Number(y), Number(mo), Number(d), num(h), num(mi), num(s))) return null;
  if (h === undefined) return `${y}-${mo}-${d}`;
  if (zone && zone !== '+08:00' && zone !== '+0800') {
    // Convert to China Standard Time so every clip carries one offset.
    const t = Date.parse(
      `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${zone === 'Z' ? 'Z' : zone.replace(/(\d{2})(\d{2})$/, '$1:$2')}`,
    );
    if (Number.isNaN(t)) return null;
    return cstIso(new Date(t));
  }
  return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}+08:00`;
}

/** An instant as ISO 8601 in China Standard Time. */
export function cstIso(date: Date): string {
  const t = new Date(date.getTime() + 8 * 3600_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}+08:00`;
}

/** The day of an instant in China. */
export function cstDay(date: Date): DayRef {
  const t = new Date(date.getTime() + 8 * 3600_000);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}
