/**
 * Reassembles header blocks from HEADERS and CONTINUATION frames (RFC 9113 §6.2, §6.10): a block
 * may span several frames, and nothing else may come in between. Padding and the priority fields
 * of a HEADERS frame are cut away here, so the connection sees one fragment per block.
 */
import { Flag, type Frame, FrameType } from './frames.js';

export interface HeaderBlock {
  streamId: number;
  endStream: boolean;
  fragment: Buffer;
}

/** A header block larger than this is not a gRPC response: refuse it rather than buffer without end. */
const MAX_BLOCK_BYTES = 1024 * 1024;

/** A malformed header sequence; the connection turns it into a connection error. */
export class HeaderSequenceError extends Error {}

export class IncomingHeaders {
  private open: { streamId: number; endStream: boolean; fragments: Buffer[]; size: number } | undefined;

  /** A complete block when `frame` finishes one; undefined otherwise. Throws on a broken sequence. */
  accept(frame: Frame): HeaderBlock | undefined {
    if (this.open && frame.type !== FrameType.CONTINUATION)
      throw new HeaderSequenceError('HTTP/2 protocol error: a frame arrived in the middle of a header block');
    if (frame.type === FrameType.HEADERS) return this.headers(frame);
    if (frame.type !== FrameType.CONTINUATION) return undefined;
    if (!this.open || this.open.streamId !== frame.streamId)
      throw new HeaderSequenceError('HTTP/2 protocol error: CONTINUATION without a header block to continue');
    this.open.fragments.push(frame.payload);
    this.open.size += frame.payload.length;
    if (this.open.size > MAX_BLOCK_BYTES) throw new HeaderSequenceError('HTTP/2 protocol error: a header block above 1 MB');
    if (!(frame.flags & Flag.END_HEADERS)) return undefined;
    const { streamId, endStream, fragments } = this.open;
    this.open = undefined;
    return { streamId, endStream, fragment: Buffer.concat(fragments) };
  }

  private headers(frame: Frame): HeaderBlock | undefined {
    if (frame.streamId === 0) throw new HeaderSequenceError('HTTP/2 protocol error: HEADERS on stream 0');
    const payload = frame.payload;
    let start = 0;
    let padding = 0;
    if (frame.flags & Flag.PADDED) {
      padding = payload[0] ?? 0;
      start = 1;
    }
    // Stream dependency (4 bytes) and weight (1 byte), which a client may ignore (RFC 9113 §5.3.2).
    if (frame.flags & Flag.PRIORITY) start += 5;
    if (start + padding > payload.length) throw new HeaderSequenceError('HTTP/2 protocol error: HEADERS padding longer than the frame');
    const fragment = payload.subarray(start, payload.length - padding);
    const endStream = (frame.flags & Flag.END_STREAM) !== 0;
    if (frame.flags & Flag.END_HEADERS) return { streamId: frame.streamId, endStream, fragment };
    this.open = { streamId: frame.streamId, endStream, fragments: [fragment], size: fragment.length };
    return undefined;
  }
}
