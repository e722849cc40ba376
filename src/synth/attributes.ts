/**
 * Turns attribute templates into concrete values: literals pass through, `$`-generators draw from
 * the seeded PRNG, so two runs with the same seed carry the same attribute values.
 */
import type { AttributeValue } from '../otlp/types.js';
import type { AttributeTemplate, Random } from './types.js';

export const GENERATOR_KEYS = ['$oneOf', '$int', '$float', '$id'] as const;

type Generator = { $oneOf: AttributeValue[] } | { $int: [number, number] } | { $float: [number, number] } | { $id: number };

function isGenerator(value: AttributeTemplate): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (GENERATOR_KEYS as readonly string[]).includes(keys[0]!);
}

export function drawAttribute(template: AttributeTemplate, random: Random): AttributeValue {
  if (!isGenerator(template)) return template as AttributeValue;
  const generator = template as Generator;
  if ('$oneOf' in generator) return random.pick(generator.$oneOf);
  if ('$int' in generator) return random.int(generator.$int[0], generator.$int[1]);
  if ('$float' in generator) {
    const [min, max] = generator.$float;
    // Three decimals: enough variety, and values stay readable in a trace view.
    return Math.round((min + random.next() * (max - min)) * 1000) / 1000;
  }
  return random.hex(generator.$id);
}

export function drawAttributes(templates: Record<string, AttributeTemplate> | undefined, random: Random): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [key, template] of Object.entries(templates ?? {})) out[key] = drawAttribute(template, random);
  return out;
}

/** Baggage values are strings on the wire (W3C Baggage), whatever the generator drew. */
export function drawBaggage(templates: Record<string, AttributeTemplate> | undefined, random: Random): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(drawAttributes(templates, random))) {
    out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}
