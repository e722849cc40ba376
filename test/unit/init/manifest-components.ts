/** The component types the pinned collector build contains, read from the builder manifest. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

// Go module (last path element) -> the component type it registers in collector v0.165.
const TYPE_OF_MODULE: Record<string, string> = {
  otlpreceiver: 'otlp',
  batchprocessor: 'batch',
  memorylimiterprocessor: 'memory_limiter',
  debugexporter: 'debug',
  otlpexporter: 'otlp_grpc',
  otlphttpexporter: 'otlp_http',
  prometheusexporter: 'prometheus',
  fileexporter: 'file',
  zpagesextension: 'zpages',
  healthcheckextension: 'health_check',
  bearertokenauthextension: 'bearertokenauth',
};

export function manifestComponentTypes(): Set<string> {
  const manifest = readFileSync(new URL('../../../scripts/stack/builder-manifest.yaml', import.meta.url), 'utf8');
  return new Set(
    [...manifest.matchAll(/- gomod: \S+\/(\w+) v[\d.]+$/gm)].map((match) => {
      const type = TYPE_OF_MODULE[match[1]];
      if (!type) throw new Error(`unknown module ${match[1]} in the builder manifest: add it to TYPE_OF_MODULE`);
      return type;
    }),
  );
}

/** Every `type[/name]` id a collector config declares, e.g. `exporters.otlp_grpc/jaeger`. */
export function declaredComponents(collectorYaml: string): Array<{ kind: string; id: string; type: string }> {
  const config = parse(collectorYaml) as Record<string, Record<string, unknown> | undefined>;
  return ['receivers', 'processors', 'exporters', 'extensions', 'connectors'].flatMap((kind) =>
    Object.keys(config[kind] ?? {}).map((id) => ({ kind, id, type: id.split('/')[0] })),
  );
}
