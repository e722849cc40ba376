/**
 * The official JSON schema of declarative configuration, compiled the way the JS SDK compiles it, so
 * `validate` accepts exactly the files the SDK accepts.
 *
 * opentelemetry_configuration.v1.1.0.json is opentelemetry_configuration.json of
 * https://github.com/open-telemetry/opentelemetry-configuration at tag v1.1.0, unchanged (Apache-2.0).
 * @opentelemetry/configuration 0.223.0 generates its validator from that same file with
 * `new Ajv2020({ strict: false })` (CONFIG_VERSION in its scripts/generate-config.js); its precompiled
 * validator is not part of the package's API, so we compile the schema ourselves. When the SDK moves to
 * a newer schema, test/unit/config/declarative-differential.test.ts fails until this file follows.
 *
 * Loaded lazily (import() from check.ts): the schema is 100 kB and compiling it takes a moment.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from './opentelemetry_configuration.v1.1.0.json' with { type: 'json' };

export const validateDeclarativeModel = new Ajv2020({ strict: false }).compile(schema);
