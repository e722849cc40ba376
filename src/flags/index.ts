/**
 * The one grammar for flag values, shared by every command (docs/flags.md): durations with units,
 * counts and rates with k/M, ratios as 0.25 or 25%, ports, sizes, http(s) URLs, headers and
 * choices. Each parser takes the flag's name, so every refusal names the flag, and throws a
 * UsageError (exit 2).
 */
export { ifGiven } from './flag-error.js';
export { formatDuration, parseDuration } from './duration.js';
export { parseByteSize, parseCount, parsePort, parseRate, parseRatio } from './numbers.js';
export { parseChoice, parseChoiceList, parseHeaderPair, parseNonBlank } from './text.js';
export { parseHttpUrl } from './url.js';
