/**
 * Network facts the checks share, each gathered once and memoised: whether an endpoint resolves,
 * connects and completes TLS, what its port speaks, what the canary export returned, and the
 * Collector's counters before and after the canary. Every probe of one endpoint shares that
 * endpoint's time budget, so a dead endpoint costs at most --timeout however many checks ask.
 */
import { readFile } from 'node:fs/promises';
import type { EffectiveConfig, Signal, SignalExportConfig } from '../config/types.js';
import { resolveHost, type DnsResult } from '../net/dns.js';
import { httpGet, type HttpGetResult } from '../net/http-get.js';
import { sniffProtocol, type SniffResult } from '../net/sniff.js';
import { connectTcp, type TcpResult } from '../net/tcp.js';
import { probeTls, type TlsResult } from '../net/tls.js';
import { stopwatch } from '../net/timing.js';
import { createSender, senderOptionsFrom } from '../otlp/transport/create-sender.js';
import type { ExportOutcome } from '../otlp/transport/types.js';
import { encodeCanary, newCanaryIdentity, type CanaryIdentity } from './canary-request.js';
import { snapshotFrom, type CollectorSnapshot } from './collector-metrics.js';
import { endpointTargets, type EndpointTarget } from './endpoints.js';
import { fileErrorReason } from '../errors.js';

export interface Reachability {
  dns: DnsResult;
  tcp?: TcpResult;
  tls?: TlsResult;
  /** A configured PEM file that could not be read. */
  tlsMaterialError?: string;
}

export interface CanaryResult {
  signal: Signal;
  url: string;
  outcome: ExportOutcome;
  durationMs: number;
  /**
   * Round trip of a second, empty export on the open connection: the steady-state export latency
   * an application sees, without the first request's connection and TLS set-up.
   */
  warmLatencyMs?: number;
  identity: CanaryIdentity;
}

export type CollectorFetch = { url: string; explicit: boolean; result: HttpGetResult; snapshot?: CollectorSnapshot };

interface PemMaterial {
  ca?: string;
  cert?: string;
  key?: string;
  error?: string;
}

const DEFAULT_URL_TIMEOUT_MS = 1500;

export class DoctorFacts {
  readonly targets: EndpointTarget[];
  readonly identity: CanaryIdentity;
  private readonly budgets = new Map<string, () => number>();
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    private readonly config: EffectiveConfig,
    signals: Signal[],
    private readonly timeoutMs: number,
    private readonly collectorUrls:
      | { healthUrl: string; metricsUrl: string; healthExplicit: boolean; metricsExplicit: boolean }
      | undefined,
    private readonly wantsCollectorSnapshot: boolean,
    private readonly abortSignal?: AbortSignal,
  ) {
    this.targets = endpointTargets(config, signals);
    this.identity = newCanaryIdentity(config.serviceName.value);
  }

  targetFor(signal: Signal): EndpointTarget | undefined {
    return this.targets.find((target) => target.signals.includes(signal));
  }

  get collector(): typeof this.collectorUrls {
    return this.collectorUrls;
  }

  private once<T>(key: string, work: () => Promise<T>): Promise<T> {
    let promise = this.memo.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = work();
      this.memo.set(key, promise);
    }
    return promise;
  }

  /** Milliseconds left of this endpoint's budget (at least 1, so probes still start and fail fast). */
  private remaining(target: EndpointTarget): number {
    let elapsed = this.budgets.get(target.key);
    if (!elapsed) {
      elapsed = stopwatch();
      this.budgets.set(target.key, elapsed);
    }
    return Math.max(1, Math.round(this.timeoutMs - elapsed()));
  }

  pem(exportConfig: SignalExportConfig): Promise<PemMaterial> {
    return this.once(`pem ${exportConfig.signal}`, async () => {
      const material: PemMaterial = {};
      const files: Array<[keyof Omit<PemMaterial, 'error'>, string | undefined]> = [
        ['ca', exportConfig.certificateFile?.value],
        ['cert', exportConfig.clientCertificateFile?.value],
        ['key', exportConfig.clientKeyFile?.value],
      ];
      for (const [field, path] of files) {
        if (!path) continue;
        try {
          material[field] = await readFile(path, 'utf8');
        } catch (error) {
          material.error = `cannot read ${path}: ${fileErrorReason(error, { withCode: true, unknown: 'code' })}`;
        }
      }
      return material;
    });
  }

  reach(target: EndpointTarget): Promise<Reachability> {
    return this.once(`reach ${target.key}`, async () => {
      const dns = await resolveHost(target.host, this.remaining(target), this.abortSignal);
      if (dns.addresses.length === 0) return { dns };
      // Like Node's autoSelectFamily (on by default since Node 20), try every address in order:
      // `localhost` may resolve to ::1 first while the collector listens on 127.0.0.1 only.
      let tcp = await connectTcp(dns.addresses[0]!.address, target.port, this.remaining(target), this.abortSignal);
      for (const next of dns.addresses.slice(1)) {
        if (tcp.outcome === 'connected' || tcp.outcome === 'timeout') break;
        tcp = await connectTcp(next.address, target.port, this.remaining(target), this.abortSignal);
      }
      const address = tcp.address;
      if (tcp.outcome !== 'connected' || !target.tls) return { dns, tcp };
      const pem = await this.pem(target.exportConfig);
      const tls = await probeTls({
        host: target.host,
        address,
        port: target.port,
        timeoutMs: this.remaining(target),
        ca: pem.ca,
        cert: pem.cert,
        key: pem.key,
        // gRPC requires HTTP/2, negotiated through ALPN; the Node OTLP/HTTP exporter (node:https) offers no ALPN at all.
        alpn: target.protocol === 'grpc' ? ['h2'] : undefined,
        signal: this.abortSignal,
      });
      return { dns, tcp, tls, tlsMaterialError: pem.error };
    });
  }

  /** What the port speaks; undefined when the endpoint is not reachable over TCP. */
  sniff(target: EndpointTarget): Promise<SniffResult | undefined> {
    return this.once(`sniff ${target.key}`, async () => {
      const reach = await this.reach(target);
      if (reach.tcp?.outcome !== 'connected') return undefined;
      const pem = await this.pem(target.exportConfig);
      return sniffProtocol(reach.tcp.address, target.port, this.remaining(target), target.host, this.abortSignal, {
        ca: pem.ca,
        cert: pem.cert,
        key: pem.key,
      });
    });
  }

  canary(signal: Signal): Promise<CanaryResult> {
    return this.once(`canary ${signal}`, async () => {
      if (this.wantsCollectorSnapshot) await this.collectorMetrics('before');
      const exportConfig = this.config[signal];
      // Over plaintext the SDK ignores the TLS files (config.OTLP_CERTIFICATE_WITH_HTTP), readable or
      // not: the canary must not fail on a file the application never opens.
      const plaintext = !exportConfig.url.startsWith('https:');
      const options = await senderOptionsFrom(
        plaintext
          ? { ...exportConfig, certificateFile: undefined, clientCertificateFile: undefined, clientKeyFile: undefined }
          : exportConfig,
        1,
      );
      // The application gives up after its own timeout: a shorter one than ours is part of the diagnosis.
      options.timeoutMs = Math.min(this.timeoutMs, exportConfig.timeoutMs.value > 0 ? exportConfig.timeoutMs.value : this.timeoutMs);
      const sender = createSender(options);
      const elapsed = stopwatch();
      try {
        const outcome = await sender.send(encodeCanary(signal, options.format, this.identity));
        const durationMs = elapsed();
        let warmLatencyMs: number | undefined;
        if (outcome.kind === 'success') {
          // An export request with no data is valid OTLP and changes nothing on the server.
          const warm = stopwatch();
          const second = await sender.send(options.format === 'json' ? Buffer.from('{}') : Buffer.alloc(0));
          if (second.kind === 'success') warmLatencyMs = warm();
        }
        return { signal, url: exportConfig.url, outcome, durationMs, warmLatencyMs, identity: this.identity };
      } finally {
        await sender.close();
      }
    });
  }

  /** The canaries some check already sent (never starts one). */
  async sentCanaries(): Promise<CanaryResult[]> {
    const started = [...this.memo.entries()]
      .filter(([key]) => key.startsWith('canary '))
      .map(([, promise]) => promise as Promise<CanaryResult>);
    const settled = await Promise.allSettled(started);
    return settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  }

  /**
   * A guessed default URL gets a short leash: behind a load balancer 13133 and 8888 are often
   * firewalled (dropped, not refused), and a guess must not cost the whole --timeout twice.
   */
  private collectorTimeout(explicit: boolean): number {
    return explicit ? this.timeoutMs : Math.min(this.timeoutMs, DEFAULT_URL_TIMEOUT_MS);
  }

  health(): Promise<CollectorFetch | undefined> {
    return this.once('health', async () => {
      if (!this.collectorUrls) return undefined;
      const { healthUrl: url, healthExplicit: explicit } = this.collectorUrls;
      return { url, explicit, result: await httpGet(url, this.collectorTimeout(explicit), this.abortSignal) };
    });
  }

  collectorMetrics(phase: 'before' | 'after'): Promise<CollectorFetch | undefined> {
    return this.once(`metrics ${phase}`, async () => {
      if (!this.collectorUrls) return undefined;
      const { metricsUrl: url, metricsExplicit: explicit } = this.collectorUrls;
      const result = await httpGet(url, this.collectorTimeout(explicit), this.abortSignal);
      const snapshot = result.ok && result.status === 200 ? snapshotFrom(result.body) : undefined;
      return { url, explicit, result, snapshot };
    });
  }
}
