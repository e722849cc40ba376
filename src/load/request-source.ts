/**
 * Hands out ready-to-send request bodies: a pooled copy of a template, stamped with fresh ids and
 * the current time. Buffers return to their template's pool when the request is finished (retries
 * included), so memory stays bounded by the number of requests in flight, however slow the server.
 */
import type { IdSource } from '../otlp/encode/id-source.js';
import { Stamper } from '../otlp/encode/stamp.js';
import type { RequestTemplate } from '../otlp/encode/template.js';
import type { TemplateFactory } from './templates.js';

export interface PreparedRequest {
  body: Buffer;
  items: number;
  /** Gives the buffer back; call once, after the last attempt. */
  release(): void;
}

/** Full-batch templates to rotate through: variety in trace shapes without per-request encoding. */
const ROTATION = 4;
/** Remainder templates kept (a run needs at most a couple of partial sizes). */
const MAX_PARTIAL_TEMPLATES = 8;

interface Pooled {
  template: RequestTemplate;
  free: Buffer[];
}

export class RequestSource {
  private readonly full: Pooled[] = [];
  private readonly partial = new Map<number, Pooled>();
  private next = 0;
  private readonly stamper: Stamper;

  constructor(
    private readonly factory: TemplateFactory,
    readonly batchSize: number,
    ids: IdSource,
  ) {
    this.stamper = new Stamper(ids);
    for (let i = 0; i < ROTATION; i++) this.full.push({ template: factory(batchSize), free: [] });
  }

  /** Encoded size of one full batch, for reports and memory estimates. */
  get batchBytes(): number {
    return this.full[0]!.template.bytes.length;
  }

  private pooledFor(items: number): Pooled {
    if (items === this.batchSize) {
      const pooled = this.full[this.next]!;
      this.next = (this.next + 1) % this.full.length;
      return pooled;
    }
    let pooled = this.partial.get(items);
    if (!pooled) {
      if (this.partial.size >= MAX_PARTIAL_TEMPLATES) this.partial.delete(this.partial.keys().next().value!);
      pooled = { template: this.factory(items), free: [] };
      this.partial.set(items, pooled);
    }
    return pooled;
  }

  take(items: number, nowMs: number): PreparedRequest {
    const pooled = this.pooledFor(items);
    const body = pooled.free.pop() ?? Buffer.from(pooled.template.bytes);
    this.stamper.stamp(pooled.template, body, nowMs);
    let released = false;
    return {
      body,
      items: pooled.template.items,
      release: () => {
        if (released) return;
        released = true;
        pooled.free.push(body);
      },
    };
  }
}
