import { describe, expect, it } from 'vitest';
import { escapeControls, redactCredentialShapes, sanitize, styleToken } from '../../../src/boundary/sanitize.js';

const clean = (text: string, secrets: string[] = []) => sanitize(text, { secrets, keepStyle: true });

describe('the output boundary', () => {
  it.each([
    ['https://user:Zx#pa55w0rd@collector:4318', 'Zx#pa55w0rd'],
    ['https://user:a/b?c@collector:4318/v1/traces', 'a/b?c'],
    ['http//user:hunter22secret@collector:4318', 'hunter22secret'],
    ['endpoint user:hunter22secret@collector:4318 refused', 'hunter22secret'],
    ['https://otlp.vendor.io:443l?api_key=SEKRETKEY123', 'SEKRETKEY123'],
    ['http//collector:4318/v1/metrics?access_token=TOKENSEKRET9&x=1', 'TOKENSEKRET9'],
    ['https://h/x?X-Amz-Signature=abcdef0123&sig=zzzzzz9', 'abcdef0123'],
    ['https://h/x?sig=zzzzzz9', 'zzzzzz9'],
    ['OTEL_EXPORTER_OTLP_HEADERS=authorization=Bearer abc.def-123456', 'abc.def-123456'],
    ['  4 |   "otel-proc": { "headers": { "authorization": "Bearer tok-9876543" } }', 'tok-9876543'],
    ['headers:\n  authorization: Basic dXNlcjpwYXNzd29yZA==\n', 'dXNlcjpwYXNzd29yZA=='],
    ['PASSWORD=hunter2hunter2', 'hunter2hunter2'],
    // A header-like name is a credential wherever it stands, not only at the start of a line.
    ['  server said: x-api-key: k3y9876543 is not valid', 'k3y9876543'],
    ['refused (access_token: tok-7654321)', 'tok-7654321'],
    // JSON quoted inside text (a server echoing the request's headers).
    ['400: {"authorization":"Bearer <redacted>","X-Amz-Signature":"sig-abcdef12"}', 'sig-abcdef12'],
    ["headers {'x-honeycomb-team': 'hc-team-key-1', 'client_secret': 'cs-0987654'}", 'cs-0987654'],
  ])('hides the credential in %j', (text, secret) => {
    expect(clean(text)).not.toContain(secret);
    expect(clean(text)).toContain('<redacted>');
  });

  it.each([
    'signal=traces service.name=checkout',
    'set OTEL_EXPORTER_OTLP_HEADERS=authorization=Bearer <token>',
    '-H "authorization=Bearer $TOKEN"',
    'http://collector:4318/v1/traces',
    'http://[::1]:4318/v1/logs',
    'the server refused the token: 401 Unauthorized',
    'mail admin@example.com at 12:30',
    'extensions:\n  bearertokenauth:\n    token: "<redacted>"\n',
    '    token:   <redacted>',
    'the password: was wrong',
    '{"key":"service.name","value":{"stringValue":"checkout"}}',
    'OTEL_EXPORTER_OTLP_CLIENT_KEY: /etc/otel/client.key',
  ])('leaves %j as it is', (text) => {
    expect(clean(text)).toBe(text);
  });

  it('replaces known secrets in every form they can take', () => {
    const secret = 'p@ss wörd"\\';
    for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])
      expect(clean(`x ${form} y`, [secret])).toBe('x <redacted> y');
  });

  it('keeps a JSON document valid when a secret reads like a JSON literal', () => {
    const document = `${JSON.stringify({ ok: true, tenant: 'true', url: 'https://u:pa55word@h', headers: { authorization: 'Bearer <redacted>', 'x-api-key': 'abc123456' } }, null, 2)}\n`;
    const output = clean(document, ['true']);
    const parsed = JSON.parse(output) as Record<string, unknown>;
    expect(parsed).toEqual({
      ok: true,
      tenant: '<redacted>',
      url: 'https://u:<redacted>@h',
      headers: { authorization: 'Bearer <redacted>', 'x-api-key': '<redacted>' },
    });
    expect(output.endsWith('}\n')).toBe(true);
    expect(output).toContain('\n  "ok": true');
  });

  it('redacts JSON lines line by line', () => {
    const lines = `${JSON.stringify({ a: 'https://u:pa55word@h' })}\n${JSON.stringify({ b: 'x\u001b]0;pwned\u0007' })}\n`;
    const output = clean(lines);
    const [first, second] = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, string>);
    expect(first!.a).toBe('https://u:<redacted>@h');
    expect(second!.b).toBe('x\u001b]0;pwned\u0007');
    expect(output).not.toMatch(/[\u0000-\u0008\u001b\u0080-\u009f]/);
  });

  it('shows control characters and escape sequences from data escaped', () => {
    const hostile = 'span\u001b]0;title\u0007\u001b[2J\r\u009b31mfake\u202eevil';
    const output = clean(hostile);
    expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(output).toBe(escapeControls(hostile));
    expect(output).toContain('\\u001b]0;title\\u0007');
  });

  it('turns only its own tokens into colour and line control, and drops colour when asked', () => {
    const text = `${styleToken('31m')}red${styleToken('39m')}${styleToken('r')}${styleToken('2K')}`;
    expect(sanitize(text, { secrets: [], keepStyle: true })).toBe('\u001b[31mred\u001b[39m\r\u001b[2K');
    expect(sanitize(text, { secrets: [], keepStyle: false })).toBe('red\r\u001b[2K');
    // A forged token without the process's nonce stays text.
    expect(clean('\ue000abc31m\ue001')).toBe('\ue000abc31m\ue001');
  });

  it('keeps an XML report well-formed: the placeholder is escaped text and escaped placeholders stay', () => {
    const xml = '<?xml version="1.0"?>\n<failure message="x">set authorization=Bearer &lt;token&gt; or api_key=abc123secret</failure>\n';
    const output = clean(xml, ['abc123secret']);
    expect(output).toBe(
      '<?xml version="1.0"?>\n<failure message="x">set authorization=Bearer &lt;token&gt; or api_key=&lt;redacted&gt;</failure>\n',
    );
  });

  it('does not redact its own placeholders twice', () => {
    expect(redactCredentialShapes('https://u:<redacted>@h?api_key=<redacted>')).toBe('https://u:<redacted>@h?api_key=<redacted>');
  });
});

describe('text redactUrl already redacted', () => {
  it('is left as it is, with the colon of the sentence after it', () => {
    expect(redactCredentialShapes('jaeger http://h:16686/?api_key=redacted: 1/1 traces found')).toBe(
      'jaeger http://h:16686/?api_key=redacted: 1/1 traces found',
    );
    // A value that only starts with the word is still a value.
    expect(redactCredentialShapes('http://h/?api_key=redactedK3y: 1/1')).toBe('http://h/?api_key=<redacted> 1/1');
  });
});
