import { describe, expect, it } from 'vitest';
import { sanitize } from '../../../src/boundary/sanitize.js';
import { redactHeaders, redactUrl, SecretCollector } from '../../../src/boundary/secrets.js';

describe('redaction', () => {
  it('keeps the auth scheme word and hides the rest of every header value', () => {
    expect(redactHeaders({ Authorization: 'Bearer abc.def', 'x-api-key': 'k-123456', 'x-tenant': 'acme' })).toEqual({
      Authorization: 'Bearer <redacted>',
      'x-api-key': '<redacted>',
      'x-tenant': '<redacted>',
    });
  });

  it('hides passwords and secret query parameters in URLs', () => {
    expect(redactUrl('https://user:hunter22@collector:4318/v1/traces?api_key=zzz&region=eu')).toBe('https://user:redacted@collector:4318/v1/traces?api_key=redacted&region=eu');
    expect(redactUrl('http://collector:4318')).toBe('http://collector:4318');
    expect(redactUrl('not a url')).toBe('not a url');
  });

  it('scrubs every known secret from every string, keys included, longest first', () => {
    const secrets = new SecretCollector();
    secrets.addHeaderList('authorization=Bearer%20tok-abcdef,x-key=tok-abcdef-longer');
    const report = { message: 'saw tok-abcdef-longer and Bearer tok-abcdef', nested: [{ 'tok-abcdef-longer': 1 }], count: 3 };
    const scrubbed = JSON.parse(sanitize(JSON.stringify(report), { secrets: secrets.values(), keepStyle: false })) as typeof report;
    expect(JSON.stringify(scrubbed)).not.toContain('tok-abcdef');
    expect(scrubbed.count).toBe(3);
    expect(scrubbed.message).toBe('saw <redacted> and <redacted>');
  });

  it('does not scrub values too short to be secrets', () => {
    const secrets = new SecretCollector();
    secrets.add('1');
    expect(secrets.values()).toEqual([]);
  });
});
