/**
 * One HTTP/2 client connection for unary gRPC calls (RFC 9113, https://www.rfc-editor.org/rfc/rfc9113.html;
 * gRPC over HTTP/2: https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md), over a socket we
 * own: h2c with prior knowledge, or TLS with ALPN "h2". It does what a client of unary calls needs and
 * nothing a server would: no push (disabled in our SETTINGS), no priorities, no server streams.
 *
 * Why not node:http2: every request there builds a stream object, converts its headers, and (Node 20)
 * binds an AsyncResource whose deprecation getters cost more than encoding the request. Here a
 * request is a header block encoded once per sender, a few DATA frames written from the caller's
 * buffers, and a callback when the stream ends.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { TlsMaterial } from '../types.js';
import { DataWriter, type OutgoingBody } from './data-writer.js';
import {
  DEFAULT_MAX_FRAME_SIZE,
  ErrorCode,
  errorName,
  Flag,
  type Frame,
  FrameParser,
  FrameSizeError,
  FrameType,
  frameHeader,
  goawayFrame,
  MAX_STREAM_ID,
  PREFACE,
  pingAckFrame,
  pingFrame,
  rstStreamFrame,
  SETTINGS_ACK,
  Setting,
  settingsFrame,
  windowUpdateFrame,
} from './frames.js';
import { CompressionError, HeaderDecoder, type HeaderList } from './header-block.js';
import { HeaderSequenceError, IncomingHeaders } from './incoming-headers.js';

/** Our receive window, per stream and for the connection: responses are small, and a wide window never stalls the server. */
const LOCAL_WINDOW = 16 * 1024 * 1024;

/** How long a failed connection's GOAWAY may take to leave before the socket is destroyed anyway. */
const FAILED_LINGER_MS = 1000;

/** How a stream ended. */
export type StreamEnd =
  /** The server ended it (END_STREAM): headers, the trailers if any, the body. */
  | { kind: 'response'; headers: HeaderList; trailers: HeaderList | undefined; data: Buffer[] }
  /** RST_STREAM from the server, with its error code. */
  | { kind: 'reset'; code: number }
  /** Never processed: past the server's GOAWAY, or not started when the connection ended. Safe to retry (RFC 9113 §8.7). */
  | { kind: 'refused'; message: string }
  /** The connection failed under it; `error` carries the socket's code (ECONNREFUSED, ...) when there was one. */
  | { kind: 'closed'; error: Error | undefined };

export interface StreamHandle {
  /** Ends the stream from our side (RST_STREAM CANCEL); its callback is not called. */
  cancel(): void;
}

interface Stream {
  id: number;
  block: Buffer;
  body: OutgoingBody | undefined;
  chunks: Buffer[];
  headers: HeaderList | undefined;
  trailers: HeaderList | undefined;
  data: Buffer[];
  receiveWindow: number;
  onEnd: (end: StreamEnd) => void;
}

export interface ConnectionTarget {
  host: string;
  port: number;
  secure: boolean;
  tls?: TlsMaterial;
}

/** A protocol violation by the peer, or a peer that does not speak HTTP/2: the connection is over. */
export class Http2ProtocolError extends Error {
  readonly code = 'ERR_HTTP2_PROTOCOL';
}

export class Http2Connection {
  private readonly socket: net.Socket;
  private readonly parser = new FrameParser(DEFAULT_MAX_FRAME_SIZE);
  private readonly decoder = new HeaderDecoder();
  private readonly writer: DataWriter;
  private readonly incoming = new IncomingHeaders();
  private readonly streams = new Map<number, Stream>();
  /** Started by the caller, waiting for the server's SETTINGS_MAX_CONCURRENT_STREAMS to allow them. */
  private readonly waiting: Stream[] = [];
  private nextStreamId = 1;
  private maxConcurrentStreams = Infinity;
  private receivedSinceUpdate = 0;
  private sawServerSettings = false;
  private goawayReceived = false;
  private closing = false;
  private ended = false;
  private socketError: Error | undefined;
  private flushScheduled = false;
  private readonly secure: boolean;
  /** The PING sent by checkAlive(), until its ack. */
  private liveness: NodeJS.Timeout | undefined;
  /** TCP connected, and for TLS the handshake done: only then can a frame reach the server. */
  private established = false;
  private onIdle: (() => void) | undefined;

  private unusableReported = false;

  constructor(
    target: ConnectionTarget,
    /** `unusable`: the connection takes no more streams (GOAWAY, failure, close); `closed`: it is gone. Each is called once. */
    private readonly hooks: { unusable?: () => void; closed?: () => void } = {},
  ) {
    this.socket = target.secure
      ? tls.connect({
          host: target.host,
          port: target.port,
          ...(target.tls ?? {}),
          ALPNProtocols: ['h2'],
          ...(net.isIP(target.host) ? {} : { servername: target.host }),
        })
      : net.connect({ host: target.host, port: target.port });
    // Frames are written as soon as they are ready; Nagle would hold a request's last DATA frame.
    this.socket.setNoDelay(true);
    this.writer = new DataWriter(this.socket);
    this.secure = target.secure;
    if (target.secure) this.socket.once('secureConnect', () => this.checkAlpn());
    else this.socket.once('connect', () => (this.established = true));
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (error) => (this.socketError ??= error));
    this.socket.on('close', () => this.onClose());
    // Written now, sent once connected: the preface, our SETTINGS, and the connection window opened wide.
    this.socket.write(
      Buffer.concat([
        PREFACE,
        settingsFrame([
          [Setting.ENABLE_PUSH, 0],
          [Setting.INITIAL_WINDOW_SIZE, LOCAL_WINDOW],
        ]),
        windowUpdateFrame(0, LOCAL_WINDOW - 65_535),
      ]),
    );
  }

  /** Takes new streams: not closing, not told to go away, not failed, stream ids left. */
  get usable(): boolean {
    return !this.closing && !this.goawayReceived && !this.ended && this.nextStreamId <= MAX_STREAM_ID;
  }

  /** Streams open or waiting on this connection. */
  get load(): number {
    return this.streams.size + this.waiting.length;
  }

  /**
   * Starts a request: `block` is an encoded header block (header-block.ts), `chunks` the body.
   * `onEnd` is called exactly once, unless the caller cancels first.
   */
  request(block: Buffer, chunks: Buffer[], onEnd: (end: StreamEnd) => void): StreamHandle {
    const stream: Stream = {
      id: 0,
      block,
      body: undefined,
      chunks,
      headers: undefined,
      trailers: undefined,
      data: [],
      receiveWindow: LOCAL_WINDOW,
      onEnd,
    };
    if (!this.usable) {
      queueMicrotask(() => onEnd({ kind: 'refused', message: 'the connection takes no new streams' }));
      return { cancel: () => (stream.onEnd = () => undefined) };
    }
    if (this.streams.size < this.maxConcurrentStreams) this.start(stream);
    else this.waiting.push(stream);
    return { cancel: () => this.cancel(stream) };
  }

  private start(stream: Stream): void {
    stream.id = this.nextStreamId;
    this.nextStreamId += 2;
    this.streams.set(stream.id, stream);
    this.scheduleFlush();
    this.writeHeaders(stream.id, stream.block);
    stream.body = this.writer.body(stream.id, stream.chunks);
    if (this.nextStreamId > MAX_STREAM_ID) this.outOfStreamIds();
  }

  /**
   * Stream ids are never reused (RFC 9113 §5.1.1): the streams still waiting can never start here,
   * so they are refused (the pool retries them on another connection) and this one ends when idle.
   */
  private outOfStreamIds(): void {
    for (const stream of this.waiting.splice(0)) stream.onEnd({ kind: 'refused', message: 'the connection ran out of stream ids' });
    this.onUnusable();
    this.endWhenIdle();
  }

  private onUnusable(): void {
    if (this.unusableReported) return;
    this.unusableReported = true;
    this.hooks.unusable?.();
  }

  /** HEADERS, then CONTINUATION frames if the block is larger than a frame (RFC 9113 §6.10). */
  private writeHeaders(id: number, block: Buffer): void {
    const max = this.writer.maxFrameSize;
    if (block.length <= max) {
      this.socket.write(Buffer.concat([frameHeader(block.length, FrameType.HEADERS, Flag.END_HEADERS, id), block]));
      return;
    }
    const frames: Buffer[] = [];
    for (let at = 0; at < block.length; at += max) {
      const piece = block.subarray(at, at + max);
      const last = at + max >= block.length;
      frames.push(frameHeader(piece.length, at === 0 ? FrameType.HEADERS : FrameType.CONTINUATION, last ? Flag.END_HEADERS : 0, id), piece);
    }
    this.socket.write(Buffer.concat(frames));
  }

  /** One DATA pass per turn of the event loop's microtasks: requests started together share a write. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // Corked until then: the HEADERS, DATA and control frames of this turn leave in one writev.
    this.socket.cork();
    queueMicrotask(() => {
      this.flushScheduled = false;
      if (!this.ended) this.writer.flush();
      this.socket.uncork();
    });
  }

  private cancel(stream: Stream): void {
    stream.onEnd = () => undefined;
    const queued = this.waiting.indexOf(stream);
    if (queued >= 0) {
      this.waiting.splice(queued, 1);
      return;
    }
    if (!this.streams.has(stream.id)) return;
    if (!this.ended) this.socket.write(rstStreamFrame(stream.id, ErrorCode.CANCEL));
    this.finish(stream, { kind: 'refused', message: 'cancelled' });
  }

  /** Removes a stream and reports its end; an unsent body is abandoned with RST_STREAM. */
  private finish(stream: Stream, end: StreamEnd): void {
    if (!this.streams.delete(stream.id)) return;
    if (stream.body && !stream.body.finished) {
      stream.body.finished = true;
      if (end.kind === 'response' && !this.ended) this.socket.write(rstStreamFrame(stream.id, ErrorCode.CANCEL));
    }
    stream.onEnd(end);
    this.startWaiting();
    if (this.streams.size === 0 && this.waiting.length === 0) this.onIdle?.();
  }

  private startWaiting(): void {
    while (this.waiting.length > 0 && this.streams.size < this.maxConcurrentStreams && this.usable) this.start(this.waiting.shift()!);
  }

  private checkAlpn(): void {
    this.established = true;
    const socket = this.socket as tls.TLSSocket;
    if (socket.alpnProtocol !== 'h2')
      this.fail(
        new Http2ProtocolError(
          `the TLS server did not agree to HTTP/2 (ALPN ${socket.alpnProtocol || 'none'}): protocol mismatch, is it a gRPC endpoint?`,
        ),
      );
  }

  private onData(chunk: Buffer): void {
    try {
      this.parser.push(chunk, (frame) => this.onFrame(frame));
    } catch (error) {
      if (error instanceof FrameSizeError && !this.sawServerSettings) {
        // The first bytes were not a SETTINGS frame: an HTTP/1.x server answers "HTTP/1.1 400 ...".
        const text = chunk.subarray(0, 8).toString('latin1');
        this.fail(
          new Http2ProtocolError(
            text.startsWith('HTTP/')
              ? 'protocol mismatch: the server answered in HTTP/1.x, not HTTP/2 (an OTLP/HTTP port?)'
              : 'protocol mismatch: the server does not speak HTTP/2',
          ),
          ErrorCode.PROTOCOL_ERROR,
        );
      } else if (error instanceof FrameSizeError)
        this.fail(new Http2ProtocolError(`HTTP/2 protocol error: ${error.message}`), ErrorCode.FRAME_SIZE_ERROR);
      else if (error instanceof CompressionError)
        this.fail(new Http2ProtocolError(`HTTP/2 protocol error: ${error.message}`), ErrorCode.COMPRESSION_ERROR);
      else if (error instanceof Http2ProtocolError) this.fail(error, ErrorCode.PROTOCOL_ERROR);
      else if (error instanceof HeaderSequenceError) this.fail(new Http2ProtocolError(error.message), ErrorCode.PROTOCOL_ERROR);
      else throw error;
    }
  }

  private onFrame(frame: Frame): void {
    if (!this.sawServerSettings && frame.type !== FrameType.SETTINGS)
      throw new Http2ProtocolError('protocol mismatch: the server did not start with an HTTP/2 SETTINGS frame');
    const block = this.incoming.accept(frame);
    if (block) {
      this.onHeaderBlock(block.streamId, block.endStream, block.fragment);
      return;
    }
    if (frame.type === FrameType.HEADERS || frame.type === FrameType.CONTINUATION) return;
    switch (frame.type) {
      case FrameType.DATA:
        this.onDataFrame(frame);
        return;
      case FrameType.RST_STREAM:
        this.onRstStream(frame);
        return;
      case FrameType.SETTINGS:
        this.onSettings(frame);
        return;
      case FrameType.PING:
        if (frame.payload.length !== 8) throw new Http2ProtocolError('HTTP/2 protocol error: a PING frame is 8 bytes');
        if (!(frame.flags & Flag.ACK)) this.socket.write(pingAckFrame(frame.payload));
        else if (this.liveness) {
          clearTimeout(this.liveness);
          this.liveness = undefined;
        }
        return;
      case FrameType.GOAWAY:
        this.onGoaway(frame);
        return;
      case FrameType.WINDOW_UPDATE:
        this.onWindowUpdate(frame);
        return;
      case FrameType.PUSH_PROMISE:
        throw new Http2ProtocolError('HTTP/2 protocol error: PUSH_PROMISE although push is disabled');
      default:
        // PRIORITY and unknown frame types are ignored (RFC 9113 §4.1, §5.5).
        return;
    }
  }

  private onHeaderBlock(streamId: number, endStream: boolean, fragment: Buffer): void {
    // Decoded even for a stream we no longer track: the dynamic table must stay in step.
    const fields = this.decoder.decode(fragment);
    const stream = this.streams.get(streamId);
    if (!stream) return;
    if (stream.headers === undefined) {
      // 1xx responses are informational; the real response follows (RFC 9113 §8.1).
      if (/^1\d\d$/.test(fields[':status'] ?? '') && !endStream) return;
      stream.headers = fields;
    } else stream.trailers = fields;
    if (endStream) this.finish(stream, { kind: 'response', headers: stream.headers, trailers: stream.trailers, data: stream.data });
  }

  private onDataFrame(frame: Frame): void {
    if (frame.streamId === 0) throw new Http2ProtocolError('HTTP/2 protocol error: DATA on stream 0');
    // Flow control counts the whole payload, padding included (RFC 9113 §6.1).
    const length = frame.payload.length;
    this.receivedSinceUpdate += length;
    if (this.receivedSinceUpdate >= LOCAL_WINDOW / 2) {
      this.socket.write(windowUpdateFrame(0, this.receivedSinceUpdate));
      this.receivedSinceUpdate = 0;
    }
    const stream = this.streams.get(frame.streamId);
    if (!stream) return;
    stream.receiveWindow -= length;
    if (stream.receiveWindow < 0) {
      this.socket.write(rstStreamFrame(stream.id, ErrorCode.FLOW_CONTROL_ERROR));
      this.finish(stream, { kind: 'closed', error: new Http2ProtocolError('HTTP/2 protocol error: the server overran the stream window') });
      return;
    }
    const padding = frame.flags & Flag.PADDED ? frame.payload[0]! + 1 : 0;
    if (padding > length) throw new Http2ProtocolError('HTTP/2 protocol error: DATA padding longer than the frame');
    if (length > padding) stream.data.push(frame.flags & Flag.PADDED ? frame.payload.subarray(1, length - padding + 1) : frame.payload);
    if (frame.flags & Flag.END_STREAM)
      this.finish(stream, { kind: 'response', headers: stream.headers ?? {}, trailers: stream.trailers, data: stream.data });
  }

  private onRstStream(frame: Frame): void {
    if (frame.payload.length !== 4) throw new Http2ProtocolError('HTTP/2 protocol error: RST_STREAM is 4 bytes');
    if (frame.streamId === 0) throw new Http2ProtocolError('HTTP/2 protocol error: RST_STREAM on stream 0');
    const stream = this.streams.get(frame.streamId);
    if (stream) this.finish(stream, { kind: 'reset', code: frame.payload.readUInt32BE(0) });
  }

  private onSettings(frame: Frame): void {
    if (frame.flags & Flag.ACK) return;
    if (frame.streamId !== 0 || frame.payload.length % 6 !== 0) throw new Http2ProtocolError('HTTP/2 protocol error: malformed SETTINGS');
    this.sawServerSettings = true;
    for (let at = 0; at < frame.payload.length; at += 6) {
      const id = frame.payload.readUInt16BE(at);
      const value = frame.payload.readUInt32BE(at + 2);
      if (id === Setting.INITIAL_WINDOW_SIZE) {
        if (value > 2 ** 31 - 1) throw new Http2ProtocolError('HTTP/2 protocol error: SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1');
        if (!this.writer.setInitialWindow(value, this.openBodies()))
          throw new Http2ProtocolError('HTTP/2 flow-control error: SETTINGS_INITIAL_WINDOW_SIZE takes a stream window past 2^31-1');
      } else if (id === Setting.MAX_FRAME_SIZE) {
        if (value < 16_384 || value > 16_777_215)
          throw new Http2ProtocolError('HTTP/2 protocol error: SETTINGS_MAX_FRAME_SIZE out of range');
        this.writer.maxFrameSize = value;
      } else if (id === Setting.MAX_CONCURRENT_STREAMS) this.maxConcurrentStreams = value;
      // HEADER_TABLE_SIZE: our blocks never use the dynamic table. The rest concern a server.
    }
    this.socket.write(SETTINGS_ACK);
    this.startWaiting();
    this.scheduleFlush();
  }

  private *openBodies(): Iterable<OutgoingBody> {
    for (const stream of this.streams.values()) if (stream.body) yield stream.body;
  }

  private onGoaway(frame: Frame): void {
    if (frame.payload.length < 8) throw new Http2ProtocolError('HTTP/2 protocol error: GOAWAY shorter than 8 bytes');
    const lastStreamId = frame.payload.readUInt32BE(0) & 0x7fffffff;
    const code = frame.payload.readUInt32BE(4);
    this.goawayReceived = true;
    const message = `the server sent GOAWAY (${errorName(code)}) before taking the stream`;
    // Streams past the last one the server took were never processed (RFC 9113 §6.8): retry elsewhere.
    for (const stream of [...this.streams.values()]) if (stream.id > lastStreamId) this.finish(stream, { kind: 'refused', message });
    for (const stream of this.waiting.splice(0)) stream.onEnd({ kind: 'refused', message });
    this.onUnusable();
    this.endWhenIdle();
  }

  private onWindowUpdate(frame: Frame): void {
    if (frame.payload.length !== 4) throw new Http2ProtocolError('HTTP/2 protocol error: WINDOW_UPDATE is 4 bytes');
    const increment = frame.payload.readUInt32BE(0) & 0x7fffffff;
    if (frame.streamId === 0) {
      if (increment === 0 || !this.writer.grow(undefined, increment))
        throw new Http2ProtocolError('HTTP/2 flow-control error on the connection');
    } else {
      const stream = this.streams.get(frame.streamId);
      if (!stream?.body) return;
      if (increment === 0 || !this.writer.grow(stream.body, increment)) {
        this.socket.write(rstStreamFrame(stream.id, increment === 0 ? ErrorCode.PROTOCOL_ERROR : ErrorCode.FLOW_CONTROL_ERROR));
        this.finish(stream, {
          kind: 'closed',
          error: new Http2ProtocolError('HTTP/2 protocol error: invalid WINDOW_UPDATE on the stream'),
        });
        return;
      }
    }
    this.scheduleFlush();
  }

  /** A connection error (RFC 9113 §5.4.1): say why in GOAWAY when we can, then close; every stream fails with `error`. */
  /**
   * After a request timed out: is anything still alive at the other end? A PING must be answered
   * at once (RFC 9113 §6.7), however busy the server's application is; a connection that does not
   * answer within `timeoutMs` (a black-holed path, a hung peer) is failed, so what it holds is
   * retried on a new connection instead of timing out request by request until TCP gives up.
   */
  checkAlive(timeoutMs: number): void {
    if (this.ended || this.liveness) return;
    this.socket.write(pingFrame(Buffer.from('otelproc', 'latin1')));
    this.liveness = setTimeout(() => {
      this.liveness = undefined;
      const error = Object.assign(new Error(`the connection stopped answering: no HTTP/2 PING ack within ${timeoutMs} ms`), {
        code: 'ETIMEDOUT',
      });
      this.fail(error);
    }, timeoutMs);
    this.liveness.unref();
  }

  private fail(error: Error, code?: number): void {
    if (this.ended) return;
    this.socketError ??= error;
    // The streams fail now; the socket goes once our GOAWAY has been handed to the kernel.
    this.onClose();
    if (code === undefined) {
      this.socket.destroy();
      return;
    }
    this.socket.end(goawayFrame(0, code), () => this.socket.destroy());
    // The pool has forgotten this connection: a peer that stopped reading would hold the GOAWAY,
    // queued behind unread DATA, and with it the socket, for good. A second is enough to say why.
    setTimeout(() => this.socket.destroy(), FAILED_LINGER_MS).unref();
  }

  /**
   * A plaintext connection the server dropped before saying a word of HTTP/2 is what a TLS port does
   * with a client that does not start a handshake. It stays what it is (a reset is retryable: a load
   * balancer without backends does the same), but the message says what to try.
   */
  private hintAtTls(error: Error | undefined): Error | undefined {
    // Plaintext, so established means TCP connected: a refused connection fails for its own reason.
    if (this.secure || this.sawServerSettings || !this.established) return error;
    const code = (error as { code?: string } | undefined)?.code;
    if (error !== undefined && code !== 'ECONNRESET' && code !== 'EPIPE') return error;
    const said = error ? error.message : 'the server closed the connection';
    return Object.assign(new Error(`${said} before answering in HTTP/2: if this port speaks TLS, use https://`), {
      code: code ?? 'ECONNRESET',
    });
  }

  private onClose(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.liveness) clearTimeout(this.liveness);
    const error = this.hintAtTls(this.socketError);
    for (const stream of [...this.streams.values()]) this.finish(stream, { kind: 'closed', error });
    // Never sent: the server cannot have processed them.
    for (const stream of this.waiting.splice(0))
      stream.onEnd({ kind: 'refused', message: 'the connection closed before the stream started' });
    this.onUnusable();
    this.onIdle?.();
    this.hooks.closed?.();
  }

  /** After GOAWAY, or when closing: once the last stream ends, say goodbye and close the socket. */
  private endWhenIdle(): void {
    const end = (): void => {
      if (this.ended) return;
      // Never connected (a dropped SYN, a TLS handshake with no answer): there is nobody to say
      // goodbye to, and a FIN queued behind the connect would hold close() for its whole grace period.
      if (!this.established) {
        this.destroy();
        return;
      }
      this.socket.end(goawayFrame(0, ErrorCode.NO_ERROR), () => this.socket.destroy());
    };
    if (this.load === 0) end();
    else this.onIdle = end;
  }

  /** Graceful: streams get `graceMs` to finish, then the socket is destroyed. */
  close(graceMs: number): Promise<void> {
    this.closing = true;
    if (this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.destroy(), graceMs);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.endWhenIdle();
    });
  }

  /** At once: the socket goes, every stream ends as closed. */
  destroy(): void {
    this.closing = true;
    this.socket.destroy();
    this.onClose();
  }
}
