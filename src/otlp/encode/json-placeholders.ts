/**
 * OTLP/JSON templates: the request is built as a plain object with fixed-width placeholder strings
 * where ids and timestamps go, serialised once with JSON.stringify, and the placeholders are then
 * located by byte offset. Placeholders have exactly the width of the final value (32 hex characters
 * for a trace id, 16 for a span id, 19 decimal digits for a timestamp), so stamping moves nothing.
 */
import type { PatchSite } from './template.js';

export class JsonPlaceholders {
  private readonly timeOffsets: number[] = [];

  traceId(slot: number): string {
    return `@T${String(slot).padStart(30, '0')}`;
  }

  spanId(slot: number): string {
    return `@S${String(slot).padStart(14, '0')}`;
  }

  parentSpanId(slot: number): string {
    return `@P${String(slot).padStart(14, '0')}`;
  }

  time(offsetNs: number): string {
    this.timeOffsets.push(offsetNs);
    return `@M${String(this.timeOffsets.length - 1).padStart(17, '0')}`;
  }

  /** Serialises `document` and returns its UTF-8 bytes with the placeholder sites. */
  finish(document: unknown): { bytes: Buffer; patches: PatchSite[] } {
    const bytes = Buffer.from(JSON.stringify(document), 'utf8');
    // latin1 maps each byte to one character, so string indices are byte offsets.
    const text = bytes.toString('latin1');
    const patches: PatchSite[] = [];
    const pattern = /"@([TSPM])(\d+)"/g;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const at = match.index + 1;
      const index = Number(match[2]);
      const kind = match[1] === 'T' ? 'trace' : match[1] === 'S' ? 'span' : match[1] === 'P' ? 'parent' : 'time';
      if (kind === 'time') patches.push({ kind, at, slot: 0, offsetNs: this.timeOffsets[index]! });
      else patches.push({ kind, at, slot: index, offsetNs: 0 });
    }
    return { bytes, patches };
  }
}
