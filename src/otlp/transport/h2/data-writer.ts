/**
 * The sending half of HTTP/2 flow control (RFC 9113 §5.2 and §6.9): request bodies leave as DATA
 * frames no larger than the peer's SETTINGS_MAX_FRAME_SIZE and never beyond the connection's or
 * the stream's send window; what does not fit waits for the peer's WINDOW_UPDATE. Streams are
 * served in the order they started, so the oldest request finishes first, and every frame of one
 * pass leaves in a single corked write: the frame headers and slices of the caller's buffers
 * (never copied) go to the socket as one writev.
 */
import { DEFAULT_MAX_FRAME_SIZE, DEFAULT_WINDOW, Flag, FRAME_HEADER_SIZE, FrameType, MAX_WINDOW, writeFrameHeader } from './frames.js';

export interface OutgoingBody {
  readonly id: number;
  /** What the peer still lets this stream send; may go negative when SETTINGS shrink it (§6.9.2). */
  sendWindow: number;
  /** Unsent body chunks; the first is consumed from `offset`. */
  chunks: Buffer[];
  offset: number;
  pending: number;
  /** Set once END_STREAM went out, or the stream ended before that. */
  finished: boolean;
}

/** Where frames go: a corkable socket. */
export interface FrameSink {
  cork(): void;
  uncork(): void;
  write(chunk: Buffer): boolean;
}

export class DataWriter {
  connectionWindow = DEFAULT_WINDOW;
  maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
  /** The peer's SETTINGS_INITIAL_WINDOW_SIZE: each new stream's send window. */
  initialWindow = DEFAULT_WINDOW;
  private readonly queue: OutgoingBody[] = [];

  constructor(private readonly sink: FrameSink) {}

  body(id: number, chunks: Buffer[]): OutgoingBody {
    const pending = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const body: OutgoingBody = { id, sendWindow: this.initialWindow, chunks, offset: 0, pending, finished: false };
    this.queue.push(body);
    return body;
  }

  /**
   * A new SETTINGS_INITIAL_WINDOW_SIZE changes every open stream's window by the difference (§6.9.2).
   * False when that takes a window past 2^31-1, which the peer must treat as a FLOW_CONTROL_ERROR.
   */
  setInitialWindow(size: number, open: Iterable<OutgoingBody>): boolean {
    const delta = size - this.initialWindow;
    this.initialWindow = size;
    let valid = true;
    for (const body of open) {
      body.sendWindow += delta;
      if (body.sendWindow > MAX_WINDOW) valid = false;
      if (!body.finished && body.pending > 0 && !this.queue.includes(body)) this.queue.push(body);
    }
    return valid;
  }

  /** Adds a WINDOW_UPDATE's increment; false when the window would pass 2^31-1 (a FLOW_CONTROL_ERROR). */
  grow(body: OutgoingBody | undefined, increment: number): boolean {
    if (body === undefined) {
      this.connectionWindow += increment;
      return this.connectionWindow <= MAX_WINDOW;
    }
    body.sendWindow += increment;
    if (!body.finished && !this.queue.includes(body)) this.queue.push(body);
    return body.sendWindow <= MAX_WINDOW;
  }

  /** Writes every DATA frame the windows allow now. */
  flush(): void {
    if (this.queue.length === 0) return;
    let corked = false;
    while (this.queue.length > 0) {
      const body = this.queue[0]!;
      if (body.finished) {
        this.queue.shift();
        continue;
      }
      const size = Math.min(body.pending, this.maxFrameSize, this.connectionWindow, body.sendWindow);
      // An empty body still needs its END_STREAM; otherwise wait for a window.
      if (size <= 0 && body.pending > 0) {
        // Blocked by its own window: it rejoins the queue on its WINDOW_UPDATE. Blocked by the
        // connection's: everything behind it is too.
        if (body.sendWindow <= 0 && this.connectionWindow > 0) {
          this.queue.shift();
          continue;
        }
        break;
      }
      if (!corked) {
        this.sink.cork();
        corked = true;
      }
      this.writeFrame(body, size);
      if (body.pending === 0) {
        body.finished = true;
        this.queue.shift();
      }
    }
    if (corked) this.sink.uncork();
  }

  private writeFrame(body: OutgoingBody, size: number): void {
    const header = Buffer.allocUnsafe(FRAME_HEADER_SIZE);
    const last = size === body.pending;
    writeFrameHeader(header, 0, size, FrameType.DATA, last ? Flag.END_STREAM : 0, body.id);
    this.sink.write(header);
    let left = size;
    while (left > 0) {
      const chunk = body.chunks[0]!;
      const available = chunk.length - body.offset;
      const take = Math.min(available, left);
      this.sink.write(body.offset === 0 && take === chunk.length ? chunk : chunk.subarray(body.offset, body.offset + take));
      left -= take;
      if (take === available) {
        body.chunks.shift();
        body.offset = 0;
      } else body.offset += take;
    }
    body.pending -= size;
    body.sendWindow -= size;
    this.connectionWindow -= size;
  }
}
