/**
 * gzip for request bodies (OTEL_EXPORTER_OTLP_COMPRESSION=gzip), on libuv's thread pool so the
 * event loop keeps pacing while a large request compresses.
 */
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';

const gzipAsync = promisify(gzip);

export async function gzipBody(body: Buffer): Promise<Buffer> {
  // level 1: load generation wants throughput; the ratio gain of higher levels is small for OTLP
  return gzipAsync(body, { level: 1 });
}
