/** The reports' inline stylesheet: system fonts, a readable measure, quiet tables; text colours meet WCAG AA on their backgrounds. */
export const REPORT_CSS = `
:root { --ink: #1f2937; --muted: #4b5563; --line: #e5e7eb; --bg: #f9fafb; --accent: #1d4ed8; --bad: #b91c1c; --bad-bg: #fef2f2; --good: #15803d; --good-bg: #f0fdf4; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 1120px; margin: 0 auto; padding: 32px 28px 64px; }
header.top { border-bottom: 1px solid var(--line); margin-bottom: 24px; padding-bottom: 12px; }
h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 19px; margin: 36px 0 10px; padding-top: 8px; border-top: 1px solid var(--line); }
h3 { font-size: 15px; margin: 20px 0 8px; color: var(--muted); font-weight: 600; }
p.note, .muted { color: var(--muted); font-size: 13px; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, monospace; background: #eef2f7; padding: 1px 4px; border-radius: 3px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; margin: 16px 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.card .label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
.card .value { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }
.card.bad { border-color: #fca5a5; background: var(--bad-bg); } .card.bad .value { color: var(--bad); }
.card.good .value { color: var(--good); }
.table-wrap { overflow-x: auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 8px 0 16px; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; }
th.num { white-space: normal; }
tbody tr:last-child td { border-bottom: 0; }
tbody tr:nth-child(even) td { background: #fcfcfd; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
@media (max-width: 900px) { main { padding: 20px 12px 48px; } table { font-size: 12px; } th, td { padding: 5px 5px; } }
mark { background: #fde68a; color: #111827; padding: 0 2px; border-radius: 2px; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
.chart-box { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.chart-box h3 { margin: 0 0 6px; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.chart .bin:hover .bar, svg.chart .bar-row:hover .bar { opacity: 0.7; }
svg.chart .bin:hover .hit, svg.chart .bar-row:hover .hit { fill-opacity: 0.05; }
svg.chart a { cursor: pointer; }
svg.chart a:focus-visible .hit { stroke: var(--accent); stroke-width: 2; fill-opacity: 0.05; }
svg.chart a.bar-row:hover text { text-decoration: underline; }
svg.heatmap rect:hover { stroke: var(--ink); stroke-width: 1.5; }
.status { display: inline-block; padding: 2px 10px; border-radius: 999px; font-weight: 600; font-size: 13px; }
.status.pass { background: var(--good-bg); color: var(--good); } .status.fail { background: var(--bad-bg); color: var(--bad); }
ul.failed { background: var(--bad-bg); border: 1px solid #fca5a5; border-radius: 8px; padding: 12px 12px 12px 32px; color: var(--bad); font-weight: 600; }
tr.failed td { color: var(--bad); font-weight: 600; }
.delta-up { color: var(--good); } .delta-down { color: var(--bad); }
.snippet { font-size: 13px; max-width: 640px; }
ul.findings { list-style: none; padding: 0; margin: 8px 0 16px; display: grid; gap: 10px; }
li.finding { background: #fff; border: 1px solid var(--line); border-left: 4px solid #d97706; border-radius: 8px; padding: 10px 14px; }
li.finding.info { border-left-color: var(--accent); }
.finding-title { font-weight: 650; }
p.explain, .explain { font-size: 14px; max-width: 80ch; }
main, section, .charts, .chart-box, .table-wrap { min-width: 0; }
.chart-box { max-width: 100%; overflow-x: auto; }
td { overflow-wrap: anywhere; }
td code { white-space: nowrap; }
nav.toc { font-size: 13px; color: var(--muted); } nav.toc a { color: var(--accent); margin-right: 12px; text-decoration: none; }
`;
