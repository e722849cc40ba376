/** The report's own look: system fonts only (nothing to fetch), readable printed and on a CI artefact page. */
export const REPORT_CSS = `
:root { color-scheme: light; --fg: #111827; --muted: #6b7280; --line: #e5e7eb; --ok: #15803d; --bad: #b91c1c; --warn: #b45309; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; color: var(--fg); background: #fff; }
header, main, footer { max-width: 1280px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 20px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
small, .lede, .hint, footer { color: var(--muted); }
.verdict { display: inline-block; margin: 8px 0 0; padding: 4px 10px; border-radius: 4px; font-weight: 600; }
.verdict.ok { background: #dcfce7; color: var(--ok); }
.verdict.bad { background: #fee2e2; color: var(--bad); }
.verdict.warn { background: #fef3c7; color: var(--warn); }
table { border-collapse: collapse; margin: 6px 0; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
thead th { font-weight: 600; font-size: 12px; color: var(--muted); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total th, tr.total td { font-weight: 600; border-top: 2px solid var(--line); }
.table-scroll { overflow-x: auto; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 12px 24px; }
figure { margin: 0; min-width: 0; }
figcaption { font-weight: 600; margin: 6px 0; }
.chart { width: 100%; min-height: 240px; }
.note { color: var(--muted); font-style: italic; }
.notes li { color: var(--warn); }
.messages { word-break: break-word; }
dl.config { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
dl.config dt { color: var(--muted); }
dl.config dd { margin: 0; word-break: break-all; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
footer { margin: 32px auto 24px; font-size: 12px; }
`;
