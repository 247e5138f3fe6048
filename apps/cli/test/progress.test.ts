import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Progress } from '../src/io/progress';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

describe('Progress', () => {
  it('draws one bar in place on a terminal, with counts, rate and time left', () => {
    let now = 0;
    const out = sink();
    const progress = new Progress(out.stream, {
      unit: 'files',
      total: 10,
      tty: true,
      now: () => now,
    });
    for (let i = 0; i < 4; i++) {
      now += 500;
      progress.tick(i === 3 ? 'failed' : 'created');
    }
    progress.finish();
    const frames = out.text().split('\r\x1b[2K').filter(Boolean);
    expect(frames.length).toBeGreaterThan(1);
    const last = frames.at(-1)!;
    expect(last).toBe(
      '[==========              ] 4/10 files · 2.0/s · created 3 · failed 1 · 3 s left\n',
    );
    expect(out.text()).not.toMatch(/\n(?!$)/);
  });

  it('writes plain lines every N items in a pipe, and notes above the bar', () => {
    let now = 0;
    const out = sink();
    const progress = new Progress(out.stream, {
      unit: 'files',
      tty: false,
      every: 2,
      now: () => now,
    });
    for (let i = 0; i < 5; i++) {
      now += 100;
      progress.tick('created');
    }
    progress.note('import: x.html: not-found');
    progress.finish();
    expect(out.text().split('\n').filter(Boolean)).toEqual([
      '2 files · 10/s · created 2',
      '4 files · 10/s · created 4',
      'import: x.html: not-found',
      '5 files · 10/s · created 5',
    ]);
  });
});
