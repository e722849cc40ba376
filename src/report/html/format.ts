/**
 * Numbers as the HTML report shows them: fixed en-US grouping whatever the machine's locale, so a
 * report reads the same wherever it was written, and the same precision as the terminal report.
 */

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const rateFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const msFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

export const formatInteger = (n: number): string => integerFormat.format(Math.round(n));

/** Items per second, to one decimal. */
export const formatRate = (n: number): string => rateFormat.format(n);

/** A ratio as a percentage: two decimals, three below 0.1% so a small loss does not read as 0.00%. */
export const formatPercent = (n: number): string => `${(n * 100).toFixed(n < 0.001 && n > 0 ? 3 : 2)}%`;

export const formatMs = (n: number): string => msFormat.format(n);

export const formatSeconds = (n: number): string => `${n.toFixed(2)} s`;
