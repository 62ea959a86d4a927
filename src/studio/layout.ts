import { html, type Html } from './html.js';

/** htmx settings: no eval, no inline styles (the CSP forbids both), and a 409 (conflict) is swapped in to be shown. */
const HTMX_CONFIG = JSON.stringify({
  allowEval: false,
  allowScriptTags: false,
  includeIndicatorStyles: false,
  selfRequestsOnly: true,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '409', swap: true, error: false },
    { code: '[45]..', swap: true, error: true },
  ],
});

export function layout(title: string, body: Html, options: { reviewer?: string } = {}): string {
  return `<!doctype html>${
    html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content="${HTMX_CONFIG}">
<title>${title} · synthkit studio</title>
<link rel="stylesheet" href="/static/studio.css">
<script src="/static/htmx.min.js"></script><script src="/static/studio.js"></script></head>
<body><header><a href="/">synthkit studio</a><nav><a href="/">Runs</a><a href="/compare">Compare</a></nav>
<label>Reviewer <input id="reviewer" name="reviewer" value="${options.reviewer ?? ''}" autocomplete="off"></label></header>
<main>${body}</main></body></html>`.value
  }`;
}
