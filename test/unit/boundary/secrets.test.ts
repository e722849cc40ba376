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

  it('shows a header "name" that is not a token by its length only: a misplaced value may hold a credential', () => {
    // OTEL_EXPORTER_OTLP_HEADERS=Bearer%20t0k3nZ=gzip parses as the name "Bearer t0k3nZ".
    expect(redactHeaders({ 'Bearer t0k3nZ': 'gzip', 'x-ok': 'v' })).toEqual({
      '<invalid name, 13 characters>': '<redacted>',
      'x-ok': '<redacted>',
    });
  });

  it('hides passwords and secret query parameters in URLs', () => {
    expect(redactUrl('https://user:hunter22@collector:4318/v1/traces?api_key=zzz&region=eu')).toBe(
      'https://user:redacted@collector:4318/v1/traces?api_key=redacted&region=eu',
    );
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

describe('passwords in endpoints that a URL parser splits', () => {
  it('knows a password holding "/", "?" or "#" in an endpoint without a scheme, and the pieces a parser quotes', () => {
    const secrets = new SecretCollector();
    // new URL() takes "user:" for a scheme, so the password becomes a path, a query or a fragment.
    secrets.addUrl('user:pw1xyz/pw2xyz@127.0.0.1:4318');
    secrets.addUrl('user:pa55a?x=pa55b@127.0.0.1:4318');
    secrets.addUrl('http://user:zz#frag9@collector:4318');
    const text =
      'posted to "pw1xyz/pw2xyz@127.0.0.1:4318", so it posts to pa55a and x=pa55b@127.0.0.1:4318 ends up in the query; frag9@collector';
    expect(sanitize(text, { secrets: secrets.values(), keepStyle: false })).not.toMatch(/pw1xyz|pw2xyz|pa55a|pa55b|frag9/);
  });
});

describe('placeholders are not secrets', () => {
  it('does not collect what redaction already wrote, so "<redacted>" is never wrapped again', () => {
    const secrets = new SecretCollector();
    // A URL redacted earlier (user:redacted@) read back for secrets, as the support bundle does.
    secrets.addUrl('http://user:redacted@collector:4318');
    secrets.addUrl('http://user:<redacted>@collector:4318');
    secrets.add('Bearer <redacted>');
    expect(secrets.values()).toEqual([]);
    expect(
      sanitize('authorization: Bearer <redacted>, endpoint http://user:redacted@collector', {
        secrets: secrets.values(),
        keepStyle: false,
      }),
    ).toBe('authorization: Bearer <redacted>, endpoint http://user:redacted@collector');
  });
});
