import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PUMP, OutputPump } from './outputPump';

const opts = { frameMs: 16, highWater: 100, lowWater: 40 };

function setup() {
  const sent: string[] = [];
  const throttle = { pauses: 0, resumes: 0, pause() { this.pauses++; }, resume() { this.resumes++; } };
  return { sent, throttle, pump: new OutputPump((d) => sent.push(d), throttle, opts) };
}

describe('OutputPump', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first output at once, then batches the rest of the frame into one message', () => {
    const { sent, pump } = setup();
    pump.push(Buffer.from('$ '));
    expect(sent).toEqual(['$ ']);
    for (const c of ['a', 'b', 'c']) pump.push(Buffer.from(c));
    expect(sent).toEqual(['$ ']);
    vi.advanceTimersByTime(15);
    expect(sent).toEqual(['$ ']);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['$ ', 'abc']);
    // A quiet frame later, a keystroke's echo is immediate again.
    vi.advanceTimersByTime(16);
    pump.push('d');
    expect(sent).toEqual(['$ ', 'abc', 'd']);
  });

  it.each([
    ['a 3-byte sequence split 1+2', ['e282', 'ac'], '€'],
    ['a 3-byte sequence split 2+1', ['e2', '82ac'], '€'],
    ['a 4-byte emoji split byte by byte', ['f0', '9f', '90', 'b3'], '🐳'],
    ['ASCII around a split sequence', ['41e2', '82ac42'], 'A€B'],
  ])('never splits UTF-8: %s', (_, hexChunks, text) => {
    const { sent, pump } = setup();
    for (const hex of hexChunks) {
      pump.push(Buffer.from(hex, 'hex'));
      // Every chunk is sent as soon as it can be: only whole characters go.
      vi.advanceTimersByTime(16);
    }
    expect(sent.join('')).toBe(text);
    for (const message of sent) expect(message).not.toContain('\ufffd');
  });

  it('pauses the source when the page lags behind and resumes once it caught up', () => {
    const { sent, throttle, pump } = setup();
    pump.push('x'.repeat(60));
    expect(throttle.pauses).toBe(0);
    pump.push('x'.repeat(60));
    expect(pump.state).toEqual({ unacked: 120, paused: true });
    expect(throttle.pauses).toBe(1);
    pump.push('x'.repeat(10)); // already paused: no second pause
    expect(throttle.pauses).toBe(1);
    vi.advanceTimersByTime(16);
    expect(sent.join('').length).toBe(130);
    expect(sent.length).toBe(2);
    pump.ack(60);
    expect(throttle.resumes).toBe(0);
    pump.ack(30);
    expect(pump.state).toEqual({ unacked: 40, paused: false });
    expect(throttle.resumes).toBe(1);
  });

  it('flushes what is pending on close, then drops anything later', () => {
    const { sent, pump } = setup();
    pump.push('bye');
    pump.close();
    expect(sent).toEqual(['bye']);
    pump.push('late');
    vi.advanceTimersByTime(100);
    expect(sent).toEqual(['bye']);
  });

  it('keeps a flood flowing while the page draws the previous frames (the default window holds several)', () => {
    // A remote shell floods at ~20 MB/s, ~330 kB a frame. The source must keep running while the
    // page draws the frame before, or the page sits idle waiting for the next one (bench:terminal:
    // with a 512 kB window the pump stopped at about one message and throughput fell by a third).
    const sent: string[] = [];
    const throttle = { pauses: 0, pause() { this.pauses++; }, resume() {} };
    const pump = new OutputPump((d) => sent.push(d), throttle, DEFAULT_PUMP);
    const frame = 'A'.repeat(330_000);
    for (let i = 0; i < 3; i++) {
      pump.push(frame);
      vi.advanceTimersByTime(DEFAULT_PUMP.frameMs);
    }
    expect(sent.join('').length).toBe(3 * frame.length);
    expect(throttle.pauses).toBe(0);
    // Unacknowledged output is still bounded: the source pauses before the page is megabytes behind.
    for (let i = 0; i < 4; i++) pump.push(frame);
    expect(throttle.pauses).toBe(1);
  });
});
