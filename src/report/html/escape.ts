/**
 * Report strings (endpoint, scenario, failure reasons, server messages) come from outside: a
 * server's error text or a scenario file can hold anything. Nothing of theirs may become markup
 * or end the embedded data's <script> element early.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  // String(): a hand-edited report may hold a number or nothing where a string belongs.
  return String(text ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON to sit inside <script type="application/json">. A script element ends at the first
 * `</script` and treats `<!--` specially
 * (https://html.spec.whatwg.org/multipage/scripting.html#restrictions-for-contents-of-script-elements),
 * so every `<` (and `>`, `&` for good measure) is written as a \u escape, which JSON.parse reads
 * back unchanged. U+2028/U+2029 are escaped too: they end lines in JavaScript source older than
 * ES2019, should the data ever be evaluated as a script literal.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A <style> or classic <script> body cannot be escaped; it can only be refused if it would end early. */
export function assertEmbeddable(text: string, element: 'script' | 'style'): string {
  if (new RegExp(`</${element}`, 'i').test(text)) throw new Error(`cannot inline a ${element} that contains </${element}>`);
  return text;
}
