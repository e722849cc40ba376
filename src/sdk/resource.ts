/**
 * The SDK resource: the SDK's own telemetry.sdk.* attributes, then the resolved resource attributes
 * (service.name included, precedence already applied by the config core), then per-service
 * overrides for multi-service traces (each service gets its own resource, like separate processes).
 */
import { defaultResource, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import type { EffectiveConfig } from '../config/types.js';

export function buildResource(config: EffectiveConfig, overrides: Record<string, string> = {}): Resource {
  const attributes: Record<string, string> = { ...config.resourceAttributes.value, 'service.name': config.serviceName.value };
  if (config.serviceVersion) attributes['service.version'] = config.serviceVersion.value;
  if (config.environment) attributes['deployment.environment.name'] = config.environment.value;
  return defaultResource().merge(resourceFromAttributes({ ...attributes, ...overrides }));
}
