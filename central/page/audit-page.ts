// The audit table as a page for central's admins: newest first. Pure.
import type { AuditEntry } from '../operators/audit.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderAuditPage(entries: readonly AuditEntry[], now: Date): string {
  const rows = entries.map((e) => `<tr class="${e.outcome >= 400 ? 'refused' : 'done'}"><td>${esc(e.at)}</td><td>${esc(e.who)}</td><td>${esc(e.role ?? '')}</td><td><code>${esc(e.action)}</code></td><td>${e.outcome}</td><td>${esc(e.source)}</td><td>${esc(e.detail ?? '')}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ecorner central — audit</title>
<style>body{font:14px system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}tr.refused{color:#a40000}code{font-size:13px}</style>
</head><body>
<h1>Audit: every state-changing call</h1>
<p>Generated ${esc(now.toISOString())}; newest first; ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}. Refused calls are red.</p>
<table><thead><tr><th>when (UTC)</th><th>who</th><th>role</th><th>what</th><th>answer</th><th>from</th><th>detail</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="7">nothing recorded yet</td></tr>'}
</tbody></table>
</body></html>
`;
}
