/** What a pump may ask of the terminal's source (the SSH channel, the pty). */
export interface Throttle {
  pause(): void;
  resume(): void;
}

export interface PumpOptions {
  /** At most one message per frame per terminal. */
  frameMs: number;
  /** Pause the source when the page has this many characters it has not acknowledged yet… */
  highWater: number;
  /** …and resume it once it is down to this many. */
  lowWater: number;
}

/**
 * Up to 2 MB on the way to the page: with 512 kB the pump paused at about one message and waited for
 * its ack before the next (the page idle meanwhile): 6–9 MB/s drawn in bench:terminal; with 2 MB,
 * 9–13 MB/s (4 and 8 MB gave no more). After Ctrl+C the page still draws what is on its way (≤ 2 MB:
 * a fraction of a second).
 */
export const DEFAULT_PUMP: PumpOptions = { frameMs: 16, highWater: 2048 * 1024, lowWater: 1024 * 1024 };

/**
 * Carries a terminal's output to the page: chunks are decoded as a UTF-8 stream (a sequence split
 * across chunks is held back until complete), at most one message a frame (the first at once, so
 * typing echoes without delay; a burst waits for the rest of its frame), and the source is
 * paused while the page lags behind, so `yes` neither floods the page nor grows memory.
 */
export class OutputPump {
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';
  private unacked = 0;
  private paused = false;
  private timer: NodeJS.Timeout | null = null;
  private lastSent = -Infinity;
  private closed = false;

  constructor(
    private readonly send: (data: string) => void,
    private readonly source: Throttle,
    private readonly opts: PumpOptions = DEFAULT_PUMP,
  ) {}

  push(chunk: Buffer | string): void {
    if (this.closed) return;
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    if (!text) return;
    this.pending += text;
    this.unacked += text.length;
    if (!this.paused && this.unacked >= this.opts.highWater) {
      this.paused = true;
      this.source.pause();
    }
    if (this.timer) return;
    // A keystroke's echo goes out at once; a stream of output, once a frame.
    const wait = this.lastSent + this.opts.frameMs - Date.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** The page has drawn this many characters. */
  ack(chars: number): void {
    this.unacked = Math.max(0, this.unacked - chars);
    if (this.paused && this.unacked <= this.opts.lowWater) {
      this.paused = false;
      this.source.resume();
    }
  }

  /** Sends what is pending now (also the decoder's tail at the end of the stream). */
  flush(final = false): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (final) {
      const tail = this.decoder.decode();
      this.pending += tail;
      this.unacked += tail.length;
    }
    if (this.pending) {
      const data = this.pending;
      this.pending = '';
      this.lastSent = Date.now();
      this.send(data);
    }
  }

  close(): void {
    if (this.closed) return;
    this.flush(true);
    this.closed = true;
  }

  get state(): { unacked: number; paused: boolean } {
    return { unacked: this.unacked, paused: this.paused };
  }
}
