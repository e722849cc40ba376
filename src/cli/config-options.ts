/**
 * The configuration flags shared by validate, emit, load and doctor, and their translation into
 * the resolver's options. Flags have the highest precedence: flags > env > config file > defaults.
 */
import { type Command, Option } from 'commander';
import type { ConfigFlags, ResolveOptions } from '../config/types.js';
import type { CommandContext } from './context.js';
import { ifGiven, parseDuration } from '../flags/index.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function addConfigOptions(command: Command): Command {
  return command
    .option('-c, --config <path>', 'otel-proc config file (default: searched from the current folder)')
    .option('--no-config-search', 'ignore otel-proc config files found by search')
    .option('--env-file <path>', 'read OTEL_* variables from a .env file (real environment variables win)')
    .option('--otel-config-file <path>', 'an OpenTelemetry declarative configuration file (like OTEL_CONFIG_FILE)')
    .option('-e, --endpoint <url>', 'OTLP endpoint for every signal (like OTEL_EXPORTER_OTLP_ENDPOINT)')
    .addOption(new Option('-p, --protocol <protocol>', 'OTLP protocol').choices(['grpc', 'http/protobuf', 'http/json']))
    .option('--service-name <name>', 'service.name (like OTEL_SERVICE_NAME)')
    .option('-H, --header <key=value>', 'OTLP header, repeatable (like OTEL_EXPORTER_OTLP_HEADERS)', collect)
    .option('--timeout <duration>', 'OTLP export timeout, e.g. 500ms, 10s (like OTEL_EXPORTER_OTLP_TIMEOUT, which counts ms)')
    .addOption(new Option('--compression <kind>', 'OTLP compression').choices(['gzip', 'none']))
    .option('--insecure', 'gRPC without TLS when the endpoint has no scheme (like OTEL_EXPORTER_OTLP_INSECURE)')
    .option('--sampler <name>', 'trace sampler (like OTEL_TRACES_SAMPLER)')
    .option('--sampler-arg <value>', 'sampler argument (like OTEL_TRACES_SAMPLER_ARG)')
    .option('-r, --resource-attribute <key=value>', 'resource attribute, repeatable', collect)
    .option('--certificate <path>', 'trusted CA certificate (PEM) for TLS')
    .option('--client-key <path>', 'client private key (PEM) for mTLS')
    .option('--client-certificate <path>', 'client certificate (PEM) for mTLS');
}

/** Commander's option bag for the flags above. */
export interface ConfigOptionValues {
  config?: string;
  configSearch?: boolean;
  envFile?: string;
  otelConfigFile?: string;
  endpoint?: string;
  protocol?: string;
  serviceName?: string;
  header?: string[];
  timeout?: string;
  compression?: string;
  insecure?: boolean;
  sampler?: string;
  samplerArg?: string;
  resourceAttribute?: string[];
  certificate?: string;
  clientKey?: string;
  clientCertificate?: string;
}

export function resolveOptionsFrom(values: ConfigOptionValues, context: CommandContext): ResolveOptions {
  const flags: ConfigFlags = {
    endpoint: values.endpoint,
    protocol: values.protocol,
    serviceName: values.serviceName,
    headers: values.header,
    // The flag takes the flag grammar (10s); the resolver, like OTEL_EXPORTER_OTLP_TIMEOUT, takes ms.
    timeoutMs: ifGiven(values.timeout, (text) => String(parseDuration('--timeout', text))),
    compression: values.compression,
    insecure: values.insecure,
    sampler: values.sampler,
    samplerArg: values.samplerArg,
    resourceAttributes: values.resourceAttribute,
    certificate: values.certificate,
    clientKey: values.clientKey,
    clientCertificate: values.clientCertificate,
  };
  return {
    env: context.env,
    cwd: context.cwd,
    flags,
    configPath: values.config,
    noConfigSearch: values.configSearch === false,
    envFile: values.envFile,
    otelConfigFile: values.otelConfigFile,
    onSecrets: (secrets) => context.boundary.addSecrets(secrets),
  };
}
