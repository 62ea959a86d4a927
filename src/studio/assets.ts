/**
 * The studio's own stylesheet and script, served from memory (no bundler, no CDN). The script
 * only wires keyboard shortcuts and the reviewer's name into htmx requests; it never touches
 * record text (htmx swaps server-rendered, escaped markup).
 */
export const STUDIO_CSS = `
:root { --fg:#1d2330; --muted:#667085; --line:#e4e7ec; --accent:#2457c5; --bad:#b42318; --good:#067647; --bg:#f8f9fb; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, sans-serif; color: var(--fg); margin: 0; background: var(--bg); }
header { display:flex; gap:1.5rem; align-items:center; padding:.6rem 1.2rem; background:#101828; color:#fff; }
header a { color:#fff; text-decoration:none; font-weight:600; }
header nav { display:flex; gap:1rem; flex:1; }
header label { font-size:12px; color:#d0d5dd; }
header input { width:9rem; }
main { padding: 1rem 1.2rem; max-width: 1400px; }
h1 { font-size: 20px; margin: .2rem 0 1rem; } h2 { font-size: 16px; margin: 1.2rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; background:#fff; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background:#f2f4f7; font-weight:600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.table-wrap { overflow-x: auto; border:1px solid var(--line); border-radius:6px; }
.muted { color: var(--muted); } .bad { color: var(--bad); } .good { color: var(--good); }
.pill { display:inline-block; padding:0 .45rem; border-radius:9px; background:#eef2ff; font-size:12px; }
.pill.running { background:#dcfae6; } .pill.stopped { background:#fef0c7; }
.bar { height:8px; background:var(--line); border-radius:4px; overflow:hidden; min-width:120px; }
.bar > span { display:block; height:100%; background:var(--accent); }
form.filters { display:flex; flex-wrap:wrap; gap:.5rem; align-items:end; margin-bottom:.7rem; }
form.filters label { display:flex; flex-direction:column; font-size:12px; color:var(--muted); }
input, select, textarea, button { font: inherit; }
button { border:1px solid #98a2b3; background:#fff; border-radius:5px; padding:.25rem .7rem; cursor:pointer; }
button.primary { background: var(--accent); color:#fff; border-color: var(--accent); }
kbd { border:1px solid #98a2b3; border-bottom-width:2px; border-radius:3px; padding:0 .3rem; font-size:12px; background:#fff; }
pre { white-space: pre-wrap; word-break: break-word; background:#fff; border:1px solid var(--line); padding:.6rem; border-radius:6px; max-height: 28rem; overflow:auto; }
mark { background:#fde68a; } mark[data-type] { padding:0 1px; }
.bidi { color:#fff; background:var(--bad); font-size:11px; padding:0 2px; border-radius:2px; }
.cards { display:flex; gap:.8rem; flex-wrap:wrap; margin-bottom: .8rem; }
.card { background:#fff; border:1px solid var(--line); border-radius:6px; padding:.5rem .8rem; min-width: 8rem; }
.card b { display:block; font-size:18px; }
.review { display:grid; grid-template-columns: 2fr 1fr; gap:1rem; }
.actions { display:flex; gap:.5rem; flex-wrap:wrap; margin:.6rem 0; }
.conflict { border:2px solid var(--bad); background:#fef3f2; padding:.6rem; border-radius:6px; }
.notice { border:1px solid var(--good); background:#ecfdf3; padding:.5rem; border-radius:6px; }
iframe.report { width:100%; height: 80vh; border:1px solid var(--line); background:#fff; }
.charts { display:flex; flex-wrap:wrap; gap:.8rem; margin:.5rem 0 1rem; }
.chart-box { background:#fff; border:1px solid var(--line); border-radius:6px; padding:.4rem .6rem; max-width:100%; overflow-x:auto; }
.chart-box h3 { font-size:13px; margin:.2rem 0 .3rem; color:var(--muted); }
svg.chart { display:block; max-width:100%; height:auto; }
svg.chart .bin:hover .bar, svg.chart .bar-row:hover .bar { opacity:.7; }
svg.chart .bin:hover .hit, svg.chart .bar-row:hover .hit { fill-opacity:.05; }
svg.chart a { cursor:pointer; } svg.chart a.bar-row:hover text { text-decoration:underline; }
svg.chart a:focus-visible .hit { stroke:var(--accent); stroke-width:2; fill-opacity:.05; }
details.curation summary { cursor:pointer; font-weight:600; margin:.3rem 0; }
.pager { display:flex; gap:.6rem; align-items:center; margin:.5rem 0; }
`;

export const STUDIO_JS = `
(function () {
  var KEY = 'synthkit.reviewer';
  function reviewerInput() { return document.getElementById('reviewer'); }
  document.addEventListener('DOMContentLoaded', function () {
    var input = reviewerInput();
    if (input) {
      var saved = localStorage.getItem(KEY);
      if (saved) input.value = saved;
      input.addEventListener('change', function () { localStorage.setItem(KEY, input.value.trim()); });
    }
  });
  // Every htmx request carries the reviewer's name.
  document.addEventListener('htmx:configRequest', function (e) {
    var input = reviewerInput();
    if (input && input.value.trim()) e.detail.parameters.reviewer = input.value.trim();
  });
  function typing(el) {
    return el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
  }
  // After a decision swaps in the next record, no field keeps the focus: the next key is a shortcut.
  // htmx restores the focus of a swapped-in field with the same id, so blur right after the swap,
  // before anyone can press the next key. Not on settle: by then a shortcut may have focused a
  // field on purpose (l, e), and blurring it would send the typed text to the shortcuts.
  document.addEventListener('htmx:afterSwap', function () {
    var el = document.activeElement;
    if (el && el !== document.body && typing(el) && el.id !== 'reviewer') el.blur();
  });
  // htmx wires freshly swapped-in content (hx-post on the new record's forms) only when it settles,
  // a few milliseconds after the swap. A shortcut pressed in between would click a button whose form
  // htmx does not handle yet: the browser submits it natively (a GET navigation) and the decision is
  // lost. So while a request is in flight, swapping or settling, shortcuts wait in a queue and are
  // replayed, in order, once the new content is live; and a native submit of an htmx form is refused.
  var queue = [];
  function busy() { return !!document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling'); }
  function shortcut(key) {
    var target = document.querySelector('[data-key="' + key + '"]');
    if (!target) return;
    if (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') target.focus();
    else target.click();
  }
  function flush() {
    while (queue.length && !busy()) {
      // A replayed shortcut that focused a field (e, l) ends the replay: what follows was meant as text.
      if (typing(document.activeElement) && document.activeElement.id !== 'reviewer') { queue = []; return; }
      shortcut(queue.shift());
    }
  }
  function later() { setTimeout(flush, 0); }
  document.addEventListener('htmx:afterSettle', later);
  document.addEventListener('htmx:afterRequest', later);
  document.addEventListener('htmx:load', later);
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!e.defaultPrevented && form && form.hasAttribute && (form.hasAttribute('hx-post') || form.hasAttribute('hx-get'))) e.preventDefault();
  });
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey && e.key === 'Enter' && typing(e.target)) {
      var form = e.target.form;
      if (form) { e.preventDefault(); htmx.trigger(form, 'submit'); }
      return;
    }
    if (e.key === 'Escape' && typing(e.target)) { e.target.blur(); return; }
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    if (!document.querySelector('[data-key="' + e.key + '"]')) return;
    e.preventDefault();
    if (queue.length || busy()) { queue.push(e.key); later(); return; }
    shortcut(e.key);
  });
})();
`;
