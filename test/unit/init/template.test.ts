import { describe, expect, it } from 'vitest';
import { renderTemplate, TemplateError } from '../../../src/init/template.js';

describe('renderTemplate', () => {
  it('substitutes dotted names', () => {
    expect(renderTemplate('endpoint: {{collector.otlp}} x{{ n }}', { collector: { otlp: '0.0.0.0:4317' }, n: 3 })).toBe(
      'endpoint: 0.0.0.0:4317 x3',
    );
  });

  it('keeps a truthy section and drops its tag lines', () => {
    const text = 'a:\n{{#auth}}\n  token: {{auth}}\n{{/auth}}\nb: 1\n';
    expect(renderTemplate(text, { auth: 's3cret' })).toBe('a:\n  token: s3cret\nb: 1\n');
    expect(renderTemplate(text, { auth: '' })).toBe('a:\nb: 1\n');
  });

  it('renders inverted and inline sections', () => {
    expect(renderTemplate('[x{{#on}}, y{{/on}}]{{^on}} off{{/on}}', { on: false })).toBe('[x] off');
    expect(renderTemplate('[x{{#on}}, y{{/on}}]{{^on}} off{{/on}}', { on: true })).toBe('[x, y]');
  });

  it('refuses unknown names, unclosed and stray sections', () => {
    expect(() => renderTemplate('{{missing}}', {}, 't.yaml')).toThrow(/t\.yaml: no value for \{\{missing\}\}/);
    expect(() => renderTemplate('{{#on}}x', { on: true })).toThrow(TemplateError);
    expect(() => renderTemplate('x{{/on}}', { on: true })).toThrow(/closes nothing/);
    expect(() => renderTemplate('{{obj}}', { obj: { a: 'b' } })).toThrow(/not a printable value/);
  });
});
