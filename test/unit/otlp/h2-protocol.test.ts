/**
 * The HTTP/2 client against a scripted peer: a TCP server that reads the client's frames and writes
 * exactly the frames a case needs, including ones node:http2 never sends (DATA for a stream the
 * client cancelled, a trailers-only answer, RST_STREAM(NO_ERROR) after a full answer, windows made
 * negative by SETTINGS). RFC 9113: https://www.rfc-editor.org/rfc/rfc9113.html.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Http2Connection, type StreamEnd } from '../../../src/otlp/transport/h2/connection.js';
import {
  ErrorCode,
  Flag,
  type Frame,
  FrameParser,
  FrameType,
  frameHeader,
  goawayFrame,
  MAX_STREAM_ID,
  PREFACE,
  rstStreamFrame,
  Setting,
  settingsFrame,
  windowUpdateFrame,
} from '../../../src/otlp/transport/h2/frames.js';
import { encodeHeaderBlock } from '../../../src/otlp/transport/h2/header-block.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** One client connection as the peer sees it: every frame received, and a way to answer. */
class PeerSide {
  readonly frames: Frame[] = [];
  private readonly waiters: Array<{ match: (frame: Frame) => boolean; resolve: (frame: Frame) => void }> = [];
  /** Called for each frame after it is recorded. */
  onFrame: (frame: Frame) => void = () => undefined;

  constructor(readonly socket: net.Socket) {}

  receive(frame: Frame): void {
    this.frames.push(frame);
    for (const waiter of [...this.waiters])
      if (waiter.match(frame)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    this.onFrame(frame);
  }

  /** The first frame, received already or later, that matches. */
  next(match: (frame: Frame) => boolean): Promise<Frame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** Resolves once `condition` holds, checked now and after each frame. */
  until(condition: () => boolean): Promise<unknown> {
    return condition() ? Promise.resolve() : this.next(() => condition());
  }

  write(...frames: Buffer[]): void {
    this.socket.write(Buffer.concat(frames));
  }

  /** A PING round trip: every frame the client wrote before answering it has been received. */
  async roundTrip(): Promise<void> {
    const opaque = Buffer.from('roundtrp');
    this.write(frameHeader(8, FrameType.PING, 0, 0), opaque);
    await this.next((frame) => frame.type === FrameType.PING && (frame.flags & Flag.ACK) !== 0 && frame.payload.equals(opaque));
  }
}

/** A TCP server that checks the client preface, sends `settings`, then hands each connection to the test. */
async function scriptedPeer(settings: Array<[number, number]> = []): Promise<{ port: number; connected: Promise<PeerSide> }> {
  let onConnection: (peer: PeerSide) => void = () => undefined;
  const connected = new Promise<PeerSide>((resolve) => (onConnection = resolve));
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    const peer = new PeerSide(socket);
    const parser = new FrameParser(16_384);
    let preface = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      if (preface.length < PREFACE.length) {
        preface = Buffer.concat([preface, chunk]);
        if (preface.length < PREFACE.length) return;
        if (!preface.subarray(0, PREFACE.length).equals(PREFACE)) throw new Error('bad client preface');
        chunk = preface.subarray(PREFACE.length);
      }
      parser.push(chunk, (frame) => peer.receive(frame));
    });
    socket.write(settingsFrame(settings));
    onConnection(peer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return { port: (server.address() as net.AddressInfo).port, connected };
}

function connect(port: number): Http2Connection {
  const connection = new Http2Connection({ host: '127.0.0.1', port, secure: false });
  cleanups.push(() => connection.destroy());
  return connection;
}

const REQUEST = encodeHeaderBlock([
  [':method', 'POST'],
  [':scheme', 'http'],
  [':path', '/opentelemetry.proto.collector.trace.v1.TraceService/Export'],
  [':authority', 'peer'],
  ['content-type', 'application/grpc'],
]);

function request(connection: Http2Connection, body: Buffer = Buffer.alloc(5)): Promise<StreamEnd> {
  return new Promise((resolve) => connection.request(REQUEST, [body], resolve));
}

function headersFrame(streamId: number, fields: Array<[string, string]>, endStream: boolean): Buffer {
  const block = encodeHeaderBlock(fields);
  return Buffer.concat([
    frameHeader(block.length, FrameType.HEADERS, Flag.END_HEADERS | (endStream ? Flag.END_STREAM : 0), streamId),
    block,
  ]);
}

function dataFrame(streamId: number, payload: Buffer, endStream = false): Buffer {
  return Buffer.concat([frameHeader(payload.length, FrameType.DATA, endStream ? Flag.END_STREAM : 0, streamId), payload]);
}

/** A whole gRPC answer: headers, an empty message, trailers with grpc-status 0. */
function grpcOk(streamId: number): Buffer {
  return Buffer.concat([
    headersFrame(
      streamId,
      [
        [':status', '200'],
        ['content-type', 'application/grpc'],
      ],
      false,
    ),
    dataFrame(streamId, Buffer.alloc(5)),
    headersFrame(streamId, [['grpc-status', '0']], true),
  ]);
}

const isHeaders = (streamId?: number) => (frame: Frame) =>
  frame.type === FrameType.HEADERS && (streamId === undefined || frame.streamId === streamId);

describe('the HTTP/2 client against a scripted peer', () => {
  it('reads a trailers-only answer (grpc-status in the first and only HEADERS)', async () => {
    const { port, connected } = await scriptedPeer();
    const connection = connect(port);
    const ended = request(connection);
    const peer = await connected;
    await peer.next(isHeaders(1));
    peer.write(
      headersFrame(
        1,
        [
          [':status', '200'],
          ['content-type', 'application/grpc'],
          ['grpc-status', '14'],
          ['grpc-message', 'down'],
        ],
        true,
      ),
    );
    const end = await ended;
    expect(end).toMatchObject({ kind: 'response', trailers: undefined, headers: { 'grpc-status': '14', 'grpc-message': 'down' } });
  });

  it('keeps a full answer when RST_STREAM(NO_ERROR) follows it, and the connection stays usable', async () => {
    const { port, connected } = await scriptedPeer();
    const connection = connect(port);
    const first = request(connection);
    const peer = await connected;
    await peer.next(isHeaders(1));
    peer.write(grpcOk(1), rstStreamFrame(1, ErrorCode.NO_ERROR));
    expect(await first).toMatchObject({ kind: 'response', trailers: { 'grpc-status': '0' } });
    const second = request(connection);
    await peer.next(isHeaders(3));
    peer.write(grpcOk(3));
    expect(await second).toMatchObject({ kind: 'response' });
  });

  it('holds a stream while SETTINGS_MAX_CONCURRENT_STREAMS is 0 and starts it once raised', async () => {
    const { port, connected } = await scriptedPeer([[Setting.MAX_CONCURRENT_STREAMS, 0]]);
    const connection = connect(port);
    const peer = await connected;
    // The client acknowledges our SETTINGS only after applying them.
    await peer.next((frame) => frame.type === FrameType.SETTINGS && (frame.flags & Flag.ACK) !== 0);
    const ended = request(connection);
    await peer.roundTrip();
    expect(peer.frames.filter(isHeaders())).toHaveLength(0);
    peer.write(settingsFrame([[Setting.MAX_CONCURRENT_STREAMS, 1]]));
    await peer.next(isHeaders(1));
    peer.write(grpcOk(1));
    expect(await ended).toMatchObject({ kind: 'response' });
  });

  it('finishes the streams a GOAWAY took, refuses the later ones, then says goodbye itself', async () => {
    const { port, connected } = await scriptedPeer();
    const connection = connect(port);
    const first = request(connection);
    const second = request(connection);
    const peer = await connected;
    await peer.next(isHeaders(3));
    peer.write(goawayFrame(1, ErrorCode.NO_ERROR));
    expect(await second).toMatchObject({ kind: 'refused' });
    expect(connection.usable).toBe(false);
    peer.write(grpcOk(1));
    expect(await first).toMatchObject({ kind: 'response', trailers: { 'grpc-status': '0' } });
    const goodbye = await peer.next((frame) => frame.type === FrameType.GOAWAY);
    expect(goodbye.payload.readUInt32BE(4)).toBe(ErrorCode.NO_ERROR);
  });

  it('sends no byte beyond a stream window that SETTINGS made negative, and resumes when it is positive again', async () => {
    const { port, connected } = await scriptedPeer();
    const connection = connect(port);
    const ended = request(connection, Buffer.alloc(100_000, 1));
    const peer = await connected;
    const received = (): number => peer.frames.filter((f) => f.type === FrameType.DATA).reduce((sum, f) => sum + f.payload.length, 0);
    // The default windows (65,535 bytes) are spent; shrinking the initial window leaves the stream at -64,535.
    await peer.until(() => received() >= 65_535);
    peer.write(settingsFrame([[Setting.INITIAL_WINDOW_SIZE, 1000]]), windowUpdateFrame(0, 1_000_000), windowUpdateFrame(1, 64_535));
    await peer.roundTrip();
    expect(received()).toBe(65_535);
    peer.write(windowUpdateFrame(1, 34_470));
    await peer.until(() => received() >= 100_000);
    expect(received()).toBe(100_000);
    expect(peer.frames.find((frame) => frame.type === FrameType.DATA && (frame.flags & Flag.END_STREAM) !== 0)).toBeDefined();
    peer.write(grpcOk(1));
    expect(await ended).toMatchObject({ kind: 'response' });
  });

  it('counts the DATA of cancelled streams toward the connection window and replenishes it past 16 MB', async () => {
    const { port, connected } = await scriptedPeer();
    const connection = connect(port);
    const peer = await connected;
    // A well-behaved peer: it sends DATA only within the window the client granted the connection.
    let window = 65_535;
    const queue: Buffer[] = [];
    const pump = (): void => {
      while (queue.length > 0 && window >= queue[0]!.length - 9) {
        const frame = queue.shift()!;
        window -= frame.length - 9;
        peer.socket.write(frame);
      }
    };
    peer.onFrame = (frame) => {
      if (frame.type === FrameType.WINDOW_UPDATE && frame.streamId === 0) window += frame.payload.readUInt32BE(0);
      else if (frame.type !== FrameType.HEADERS) return;
      else if (frame.streamId < 41) {
        // 1 MB answered to a stream the client has already cancelled: legal, the frames crossed.
        queue.push(headersFrame(frame.streamId, [[':status', '200']], false));
        for (let i = 0; i < 64; i++) queue.push(dataFrame(frame.streamId, Buffer.alloc(16_384), i === 63));
      } else queue.push(grpcOk(frame.streamId));
      pump();
    };
    for (let i = 0; i < 20; i++) connection.request(REQUEST, [Buffer.alloc(5)], () => undefined).cancel();
    // 20 MB for cancelled streams must flow before this answer can: the test times out if the window is never given back.
    expect(await request(connection)).toMatchObject({ kind: 'response', trailers: { 'grpc-status': '0' } });
  }, 20_000);

  it('refuses the streams still waiting when the stream ids run out, and closes the connection once idle', async () => {
    const { port, connected } = await scriptedPeer([[Setting.MAX_CONCURRENT_STREAMS, 1]]);
    const connection = connect(port);
    const peer = await connected;
    await peer.next((frame) => frame.type === FrameType.SETTINGS && (frame.flags & Flag.ACK) !== 0);
    // Two ids left (2^31-3 and 2^31-1): reaching them honestly takes a billion requests.
    (connection as unknown as { nextStreamId: number }).nextStreamId = MAX_STREAM_ID - 2;
    const first = request(connection);
    const second = request(connection);
    const third = request(connection);
    await peer.next(isHeaders(MAX_STREAM_ID - 2));
    peer.write(grpcOk(MAX_STREAM_ID - 2));
    expect(await first).toMatchObject({ kind: 'response' });
    // The last id went to the second stream: the third can never start here and must be retried elsewhere.
    expect(await third).toMatchObject({ kind: 'refused' });
    await peer.next(isHeaders(MAX_STREAM_ID));
    peer.write(grpcOk(MAX_STREAM_ID));
    expect(await second).toMatchObject({ kind: 'response' });
    await peer.next((frame) => frame.type === FrameType.GOAWAY);
  }, 5000);

  it('fails a connection whose peer does not answer a liveness PING, and keeps one that does', async () => {
    const { port, connected } = await scriptedPeer();
    const connection = connect(port);
    const peer = await connected;
    await peer.next((frame) => frame.type === FrameType.SETTINGS && (frame.flags & Flag.ACK) !== 0);
    // A live peer answers: the connection stays.
    connection.checkAlive(5000);
    const ping = await peer.next((frame) => frame.type === FrameType.PING && (frame.flags & Flag.ACK) === 0);
    peer.write(frameHeader(8, FrameType.PING, Flag.ACK, 0), ping.payload);
    await peer.roundTrip();
    expect(connection.usable).toBe(true);
    // A silent one: the pending stream ends as closed with a timeout the sender retries, and the socket goes.
    const pending = request(connection);
    await peer.next(isHeaders(1));
    const closed = new Promise((resolve) => peer.socket.once('close', resolve));
    connection.checkAlive(100);
    expect(await pending).toMatchObject({ kind: 'closed', error: { code: 'ETIMEDOUT' } });
    expect(connection.usable).toBe(false);
    await closed;
  }, 5000);

  it('treats RST_STREAM on stream 0 as a connection error', async () => {
    const { port, connected } = await scriptedPeer();
    const connection = connect(port);
    const pending = request(connection);
    const peer = await connected;
    await peer.next(isHeaders(1));
    peer.write(rstStreamFrame(0, ErrorCode.CANCEL));
    expect(await pending).toMatchObject({ kind: 'closed', error: { message: expect.stringMatching(/RST_STREAM on stream 0/) } });
    expect((await peer.next((frame) => frame.type === FrameType.GOAWAY)).payload.readUInt32BE(4)).toBe(ErrorCode.PROTOCOL_ERROR);
  }, 5000);

  it('treats a SETTINGS change that takes a stream window past 2^31-1 as a flow-control error', async () => {
    const { port, connected } = await scriptedPeer();
    const connection = connect(port);
    // A body larger than the window keeps the stream open; its window is then raised to the maximum.
    const pending = request(connection, Buffer.alloc(100_000));
    const peer = await connected;
    await peer.next(isHeaders(1));
    // The connection window (65,535) runs out first: then the stream's own window is 0 too.
    const sent = (): number => peer.frames.filter((frame) => frame.type === FrameType.DATA).reduce((sum, f) => sum + f.payload.length, 0);
    await peer.until(() => sent() === 65_535);
    peer.write(windowUpdateFrame(1, 2 ** 31 - 1));
    peer.write(settingsFrame([[Setting.INITIAL_WINDOW_SIZE, 65_536]]));
    expect(await pending).toMatchObject({ kind: 'closed', error: { message: expect.stringMatching(/flow-control/) } });
  }, 5000);
});
