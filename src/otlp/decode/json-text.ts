/**
 * JSON.parse that keeps 64-bit integers exact. OTLP/JSON allows int64/fixed64 fields (timestamps,
 * counts) as JSON numbers (the opentelemetry-proto examples write `"startTimeUnixNano":
 * 1544712660300000000`), but JSON.parse rounds integers above 2^53 to the nearest double (steps of
 * 256 ns for today's timestamps). Node 20 has no JSON.parse source access, so integer literals of
 * 16 or more digits outside strings are quoted before parsing; the decoders accept int64 as decimal
 * strings anyway (proto3 JSON mapping).
 */
const LONG_DIGIT_RUN = /\d{16}/;

export function parseJsonKeepingLongIntegers(text: string): unknown {
  // Fast path: no run of 16 digits anywhere means no number that JSON.parse could round.
  if (!LONG_DIGIT_RUN.test(text)) return JSON.parse(text);
  return JSON.parse(quoteLongIntegers(text));
}

const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
/** Characters that can continue a JSON number: digits . e E + - */
const isNumberPart = (code: number): boolean =>
  isDigit(code) || code === 46 || code === 101 || code === 69 || code === 43 || code === MINUS;

export function quoteLongIntegers(text: string): string {
  let result = '';
  let copiedUpTo = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index += 1;
      else if (code === QUOTE) inString = false;
      continue;
    }
    if (code === QUOTE) {
      inString = true;
      continue;
    }
    if (!isDigit(code) && code !== MINUS) continue;
    // A whole number token: sign, digits, fraction, exponent.
    let end = index + 1;
    while (end < text.length && isNumberPart(text.charCodeAt(end))) end += 1;
    const token = text.slice(index, end);
    if (/^-?\d{16,}$/.test(token)) {
      result += `${text.slice(copiedUpTo, index)}"${token}"`;
      copiedUpTo = end;
    }
    index = end - 1;
  }
  return copiedUpTo === 0 ? text : result + text.slice(copiedUpTo);
}
