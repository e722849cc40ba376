/**
 * HPACK (RFC 7541, https://www.rfc-editor.org/rfc/rfc7541.html) for a gRPC client.
 *
 * Requests: every request of a sender carries the same headers, so the block is encoded once, with
 * static-table indices and literals that never enter the dynamic table (§6.1, §6.2.2). A block that
 * leaves the dynamic table alone means the same thing on every stream of every connection, whatever
 * SETTINGS_HEADER_TABLE_SIZE the server announces, so it can be sent as it is again and again.
 *
 * Responses: the server's encoder does use its dynamic table and Huffman codes, and every block of a
 * connection must be decoded in order to keep the table in step; that is hpack.js's job.
 */
import hpack from 'hpack.js';

/** Static table entries we use (RFC 7541 Appendix A). */
const STATIC_FULL: Record<string, number> = { ':method POST': 3, ':scheme http': 6, ':scheme https': 7 };
const STATIC_NAME: Record<string, number> = { ':authority': 1, ':path': 4, 'content-type': 31, 'user-agent': 58 };

/** Headers HTTP/2 forbids (RFC 9113 §8.2.2): they describe an HTTP/1.1 connection. */
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);
/** A field name: lowercase token characters (RFC 9113 §8.2.1, RFC 9110 §5.6.2); pseudo-headers start with ':'. */
const FIELD_NAME = /^:?[a-z0-9!#$%&'*+.^_`|~-]+$/;
/** A field value may not hold NUL, CR or LF, nor start or end with whitespace (RFC 9113 §8.2.1). */
const FIELD_VALUE = /^(?![ \t])[^\0\r\n]*(?<![ \t])$/;

export class InvalidHeaderError extends Error {}

/**
 * The header block for `headers`, in order. Throws InvalidHeaderError for a name or value HTTP/2
 * does not allow, naming the header but never quoting its value (it may be a credential).
 */
export function encodeHeaderBlock(headers: ReadonlyArray<readonly [string, string]>): Buffer {
  const parts: number[] = [];
  for (const [name, value] of headers) {
    if (!FIELD_NAME.test(name)) throw new InvalidHeaderError(`header name "${name}" is not a lowercase HTTP token`);
    if (CONNECTION_HEADERS.has(name) || (name === 'te' && value !== 'trailers'))
      throw new InvalidHeaderError(`header "${name}" is not allowed in HTTP/2`);
    if (!FIELD_VALUE.test(value)) throw new InvalidHeaderError(`the value of header "${name}" holds a line break, NUL or edge whitespace`);
    const full = STATIC_FULL[`${name} ${value}`];
    if (full !== undefined) {
      // Indexed header field (§6.1): one byte with the high bit set.
      writeInteger(parts, full, 7, 0x80);
      continue;
    }
    // Literal header field without indexing (§6.2.2): pattern 0000, a 4-bit name index or 0 and the name.
    const nameIndex = STATIC_NAME[name];
    if (nameIndex !== undefined) writeInteger(parts, nameIndex, 4, 0x00);
    else {
      parts.push(0x00);
      writeString(parts, name);
    }
    writeString(parts, value);
  }
  return Buffer.from(parts);
}

/** An integer with an N-bit prefix (§5.1). */
function writeInteger(out: number[], value: number, prefixBits: number, pattern: number): void {
  const max = (1 << prefixBits) - 1;
  if (value < max) {
    out.push(pattern | value);
    return;
  }
  out.push(pattern | max);
  let rest = value - max;
  while (rest >= 128) {
    out.push((rest % 128) + 128);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
}

/** A string literal without Huffman coding (§5.2): H=0, a 7-bit-prefix length, the octets. */
function writeString(out: number[], text: string): void {
  const bytes = Buffer.from(text, 'latin1');
  writeInteger(out, bytes.length, 7, 0x00);
  for (const byte of bytes) out.push(byte);
}

/** A connection-level decoding failure: the dynamic table can no longer be trusted (RFC 9113 §4.3). */
export class CompressionError extends Error {}

export type HeaderList = Record<string, string>;

/** Decodes a connection's response header blocks, in the order they arrive. */
export class HeaderDecoder {
  private readonly decompressor = hpack.decompressor.create({ table: { maxSize: 4096 } });
  private failure: Error | undefined;

  constructor() {
    this.decompressor.on('error', (error) => (this.failure = error));
  }

  /** Throws CompressionError on a malformed block; repeated names are joined with ", " (RFC 9110 §5.3). */
  decode(block: Buffer): HeaderList {
    this.decompressor.write(block);
    this.decompressor.execute();
    const headers: HeaderList = {};
    for (let field = this.decompressor.read(); field !== null; field = this.decompressor.read()) {
      headers[field.name] = field.name in headers ? `${headers[field.name]}, ${field.value}` : field.value;
    }
    if (this.failure) throw new CompressionError(`undecodable header block: ${this.failure.message}`);
    return headers;
  }
}
