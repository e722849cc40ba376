/**
 * emit --local: the embedded receiver on free ports of 127.0.0.1, and the configuration pointed
 * at it. Everything else the user configured (protocol, headers, compression, timeout, sampler,
 * propagators, resource, batching, temporality) stays as resolved, so the smoke test exercises the
 * same SDK path the application uses; only the destination changes, and it speaks plaintext.
 */
import type { EffectiveConfig, Signal, SignalExportConfig } from '../config/types.js';
import { startReceiver } from '../receiver/index.js';
import type { ReceiverHandle } from '../receiver/types.js';

export function startLocalReceiver(): Promise<ReceiverHandle> {
  return startReceiver({ host: '127.0.0.1', grpcPort: 0, httpPort: 0 });
}

function pointSignal(signal: SignalExportConfig, receiver: ReceiverHandle): SignalExportConfig {
  const flag = { kind: 'flag' as const, flag: '--local' };
  const grpc = signal.protocol.value === 'grpc';
  const base = `http://${receiver.host}:${grpc ? receiver.ports.grpc : receiver.ports.http}`;
  const { certificateFile: _ca, clientKeyFile: _key, clientCertificateFile: _cert, ...rest } = signal;
  return {
    ...rest,
    endpoint: { value: base, source: flag },
    url: grpc ? base : `${base}/v1/${signal.signal}`,
    insecure: { value: true, source: flag },
  };
}

export function pointAtReceiver(config: EffectiveConfig, receiver: ReceiverHandle): EffectiveConfig {
  const signals: Signal[] = ['traces', 'metrics', 'logs'];
  const out = { ...config };
  for (const signal of signals) out[signal] = pointSignal(config[signal], receiver);
  return out;
}

/** TLS files configured for any signal: --local ignores them (the receiver speaks plaintext). */
export function hasTlsFiles(config: EffectiveConfig): boolean {
  return (['traces', 'metrics', 'logs'] as const).some(
    (s) => config[s].certificateFile || config[s].clientKeyFile || config[s].clientCertificateFile,
  );
}
