/**
 * HTTP/2 frames (RFC 9113 §4 and §6, https://www.rfc-editor.org/rfc/rfc9113.html): the 9-byte frame
 * header, the handful of frames a gRPC client writes, and a parser that cuts the byte stream of a
 * connection into frames. What each frame means is the connection's business (connection.ts).
 */

/** The client connection preface (RFC 9113 §3.4), sent before the first SETTINGS frame. */
export const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

export const FRAME_HEADER_SIZE = 9;

/** Frame types (RFC 9113 §6). */
export const FrameType = {
  DATA: 0x0,
  HEADERS: 0x1,
  PRIORITY: 0x2,
  RST_STREAM: 0x3,
  SETTINGS: 0x4,
  PUSH_PROMISE: 0x5,
  PING: 0x6,
  GOAWAY: 0x7,
  WINDOW_UPDATE: 0x8,
  CONTINUATION: 0x9,
} as const;

/** Frame flags (RFC 9113 §6); ACK shares END_STREAM's bit on SETTINGS and PING. */
export const Flag = { END_STREAM: 0x1, ACK: 0x1, END_HEADERS: 0x4, PADDED: 0x8, PRIORITY: 0x20 } as const;

/** SETTINGS identifiers (RFC 9113 §6.5.2). */
export const Setting = {
  HEADER_TABLE_SIZE: 0x1,
  ENABLE_PUSH: 0x2,
  MAX_CONCURRENT_STREAMS: 0x3,
  INITIAL_WINDOW_SIZE: 0x4,
  MAX_FRAME_SIZE: 0x5,
  MAX_HEADER_LIST_SIZE: 0x6,
} as const;

/** Error codes (RFC 9113 §7). */
export const ErrorCode = {
  NO_ERROR: 0x0,
  PROTOCOL_ERROR: 0x1,
  INTERNAL_ERROR: 0x2,
  FLOW_CONTROL_ERROR: 0x3,
  SETTINGS_TIMEOUT: 0x4,
  STREAM_CLOSED: 0x5,
  FRAME_SIZE_ERROR: 0x6,
  REFUSED_STREAM: 0x7,
  CANCEL: 0x8,
  COMPRESSION_ERROR: 0x9,
  CONNECT_ERROR: 0xa,
  ENHANCE_YOUR_CALM: 0xb,
  INADEQUATE_SECURITY: 0xc,
  HTTP_1_1_REQUIRED: 0xd,
} as const;

const ERROR_NAMES = Object.fromEntries(Object.entries(ErrorCode).map(([name, code]) => [code, name])) as Record<number, string>;

export function errorName(code: number): string {
  return ERROR_NAMES[code] ?? `0x${code.toString(16)}`;
}

/** The protocol's defaults, in force until the peer's SETTINGS say otherwise (RFC 9113 §6.5.2). */
export const DEFAULT_WINDOW = 65_535;
export const DEFAULT_MAX_FRAME_SIZE = 16_384;
export const MAX_WINDOW = 2 ** 31 - 1;
/** Stream identifiers are 31 bits; client streams are odd (RFC 9113 §5.1.1). */
export const MAX_STREAM_ID = 2 ** 31 - 1;

export function frameHeader(length: number, type: number, flags: number, streamId: number): Buffer {
  const header = Buffer.allocUnsafe(FRAME_HEADER_SIZE);
  writeFrameHeader(header, 0, length, type, flags, streamId);
  return header;
}

export function writeFrameHeader(target: Buffer, at: number, length: number, type: number, flags: number, streamId: number): void {
  target[at] = (length >>> 16) & 0xff;
  target[at + 1] = (length >>> 8) & 0xff;
  target[at + 2] = length & 0xff;
  target[at + 3] = type;
  target[at + 4] = flags;
  target.writeUInt32BE(streamId & 0x7fffffff, at + 5);
}

export function settingsFrame(settings: ReadonlyArray<readonly [number, number]>): Buffer {
  const frame = Buffer.allocUnsafe(FRAME_HEADER_SIZE + settings.length * 6);
  writeFrameHeader(frame, 0, settings.length * 6, FrameType.SETTINGS, 0, 0);
  settings.forEach(([id, value], i) => {
    frame.writeUInt16BE(id, FRAME_HEADER_SIZE + i * 6);
    frame.writeUInt32BE(value, FRAME_HEADER_SIZE + i * 6 + 2);
  });
  return frame;
}

export const SETTINGS_ACK = frameHeader(0, FrameType.SETTINGS, Flag.ACK, 0);

export function windowUpdateFrame(streamId: number, increment: number): Buffer {
  const frame = frameHeader(4, FrameType.WINDOW_UPDATE, 0, streamId);
  return Buffer.concat([frame, uint32(increment & 0x7fffffff)]);
}

export function rstStreamFrame(streamId: number, code: number): Buffer {
  return Buffer.concat([frameHeader(4, FrameType.RST_STREAM, 0, streamId), uint32(code)]);
}

export function pingFrame(opaque: Buffer): Buffer {
  return Buffer.concat([frameHeader(8, FrameType.PING, 0, 0), opaque]);
}

export function pingAckFrame(opaque: Buffer): Buffer {
  return Buffer.concat([frameHeader(8, FrameType.PING, Flag.ACK, 0), opaque]);
}

export function goawayFrame(lastStreamId: number, code: number): Buffer {
  return Buffer.concat([frameHeader(8, FrameType.GOAWAY, 0, 0), uint32(lastStreamId & 0x7fffffff), uint32(code)]);
}

function uint32(value: number): Buffer {
  const buffer = Buffer.allocUnsafe(4);
  buffer.writeUInt32BE(value >>> 0);
  return buffer;
}

export interface Frame {
  type: number;
  flags: number;
  streamId: number;
  payload: Buffer;
}

/** A frame larger than we allow, or a byte stream that is not HTTP/2 at all. */
export class FrameSizeError extends Error {}

/**
 * Cuts a connection's incoming bytes into frames. Chunks are kept as they came and joined only
 * when a frame straddles them, so the common case (whole frames in one read) copies nothing.
 */
export class FrameParser {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** `maxFrameSize` is ours (SETTINGS_MAX_FRAME_SIZE we advertised, default 16,384). */
  constructor(private readonly maxFrameSize: number = DEFAULT_MAX_FRAME_SIZE) {}

  /** Adds bytes and calls `onFrame` for every complete frame; throws FrameSizeError on an oversized one. */
  push(chunk: Buffer, onFrame: (frame: Frame) => void): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (this.buffered >= FRAME_HEADER_SIZE) {
      const head = this.contiguous(FRAME_HEADER_SIZE);
      const length = (head[0]! << 16) | (head[1]! << 8) | head[2]!;
      if (length > this.maxFrameSize) throw new FrameSizeError(`a ${length}-byte frame exceeds the ${this.maxFrameSize}-byte limit`);
      if (this.buffered < FRAME_HEADER_SIZE + length) return;
      const whole = this.contiguous(FRAME_HEADER_SIZE + length);
      const frame: Frame = {
        type: whole[3]!,
        flags: whole[4]!,
        streamId: whole.readUInt32BE(5) & 0x7fffffff,
        payload: whole.subarray(FRAME_HEADER_SIZE, FRAME_HEADER_SIZE + length),
      };
      this.consume(FRAME_HEADER_SIZE + length);
      onFrame(frame);
    }
  }

  /** The first `size` buffered bytes as one buffer (a view when the first chunk holds them). */
  private contiguous(size: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= size) return first;
    const joined = Buffer.concat(this.chunks);
    this.chunks = [joined];
    return joined;
  }

  private consume(size: number): void {
    let left = size;
    while (left > 0) {
      const first = this.chunks[0]!;
      if (first.length <= left) {
        left -= first.length;
        this.chunks.shift();
      } else {
        this.chunks[0] = first.subarray(left);
        left = 0;
      }
    }
    this.buffered -= size;
  }
}
