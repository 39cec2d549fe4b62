namespace Allocator.Report;

/// <summary>The report's only stylesheet, inlined into the page. System fonts only; nothing is fetched.</summary>
internal static class Styles
{
    public const string Css = """
:root { --text: #1e293b; --muted: #64748b; --line: #e2e8f0; --panel: #f8fafc;
  --on: #2e7d32; --on-light: #a5d6a7; --late: #ef6c00; --late-light: #ffe0b2; --miss: #c62828;
  --committed: #334155; --avail: #dbe3ec; --funded: #3f6ea5; --mv: #5d5fa8; --base: #94a3b8; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--text); background: #fff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 20px 28px 40px; }
h1 { font-size: 24px; line-height: 1.25; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 30px 0 4px; padding-top: 10px; border-top: 1px solid var(--line); break-after: avoid; }
h3 { font-size: 13px; margin: 0 0 4px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
p { margin: 4px 0 8px; }
small { color: var(--muted); }
.meta { color: var(--muted); }
.lead { color: var(--muted); max-width: 900px; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; font-size: 12px;
  text-transform: uppercase; letter-spacing: .03em; background: #e2e8f0; color: var(--text); margin-right: 6px; }
.status-optimal { background: #dcedc8; color: #1b5e20; }
.status-feasible { background: #fff3e0; color: #e65100; }
.status-not_solved { background: #ffcdd2; color: #b71c1c; }
.warning { background: #fff3e0; border-left: 4px solid var(--late); padding: 6px 10px; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 16px 0 4px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; break-inside: avoid; }
.card .k { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .f { font-size: 26px; font-weight: 650; margin: 2px 0; }
.card .f small { font-size: 14px; font-weight: 400; }
.card .d { color: var(--muted); font-size: 12.5px; }
.missing { display: flex; flex-wrap: wrap; gap: 6px 36px; align-items: flex-start; }
.missing h2 { flex-basis: 100%; }
.missing .list { flex: 1 1 300px; font-size: 13px; }
.missing ul { margin: 0; padding-left: 0; list-style: none; }
.missing li { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.ok { color: var(--on); }
.late { color: var(--late); }
.miss { color: var(--miss); }
.note { color: var(--muted); font-size: 13px; }
.legend { font-size: 12.5px; color: var(--muted); display: flex; flex-wrap: wrap; align-items: center; gap: 2px 6px; }
.legend .sw { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -2px; margin-left: 8px; }
.legend .ln { display: inline-block; width: 16px; height: 0; border-top: 2px dashed; vertical-align: 3px; margin-left: 8px; }
.sw.arr { background: var(--on); } .sw.arr-late { background: var(--late); } .sw.cum { background: var(--on-light); }
.sw.late-zone { background: var(--late-light); } .ln.due { border-color: var(--miss); } .ln.quantity { border-color: #475569; }
.sw.avail, .sw.cap { background: var(--avail); } .sw.committed { background: var(--committed); } .sw.funded { background: var(--funded); }
figure { margin: 8px 0; break-inside: avoid; }
svg text { font-family: inherit; }
svg.sankey { width: 100%; height: auto; display: block; }
.sankey text { font-size: 12px; fill: var(--text); paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
.sankey text .v { fill: var(--muted); }
.sankey text.col-head { font-size: 13px; font-weight: 650; fill: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.sankey .flow { fill-opacity: .42; transition: fill-opacity .15s; }
.sankey .flows:hover .flow { fill-opacity: .2; }
.sankey .flows .flow:hover { fill-opacity: .8; }
.sankey .node-unallocated, .sankey .node-undelivered { stroke: #94a3b8; stroke-dasharray: 3 2; }
.rows { margin: 6px 0 10px; }
.row { display: grid; grid-template-columns: 220px minmax(0, 1fr) 250px; gap: 12px; align-items: center;
  padding: 3px 0; border-bottom: 1px solid #f1f5f9; break-inside: avoid; }
.row.axis { border-bottom: 1px solid var(--line); font-size: 12px; color: var(--muted); font-weight: 600; }
.row .name { overflow: hidden; }
/* Names wrap rather than being cut: at national scale many ids share a long prefix (national-armoured-vehicle-…). */
.row .name b { display: block; font-weight: 600; overflow-wrap: anywhere; }
.row .name small { display: block; font-size: 11.5px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.row .chart svg { width: 100%; height: auto; display: block; }
.row .nums small { display: block; font-size: 12px; color: var(--text); }
svg.axis text { font-size: 10.5px; fill: var(--muted); }
svg.axis line { stroke: #cbd5e1; stroke-width: 1; }
.row .frame { fill: #fbfcfd; stroke: none; }
.row .grid { stroke: #edf1f5; stroke-width: 1; }
.row .base { stroke: #94a3b8; stroke-width: 1; }
.row .tip { fill: transparent; }
.row .tip:hover { fill: rgba(15, 23, 42, .06); }
.needs .late-zone { fill: var(--late-light); opacity: .5; }
.needs .cum { fill: var(--on-light); }
.needs .arr { fill: var(--on); }
.needs .arr-late { fill: var(--late); }
.needs .quantity { stroke: #475569; stroke-width: 1; stroke-dasharray: 4 3; }
.needs .due { stroke: var(--miss); stroke-width: 1.5; stroke-dasharray: 3 2; }
.donors .avail, .lines .cap { fill: var(--avail); }
.donors .committed { fill: var(--committed); }
.lines .funded { fill: var(--funded); }
.bar { display: flex; height: 9px; width: 100%; background: #eef2f6; border-radius: 2px; overflow: hidden; margin-bottom: 2px; }
.bar span { display: block; height: 100%; }
.b-on { background: var(--on); } .b-late { background: var(--late); }
.b-miss { background-color: #e57373; background-image: repeating-linear-gradient(135deg, var(--miss) 0 3px, #ef9a9a 3px 6px); }
.b-committed { background: var(--committed); } .b-left { background: #f4b4b4; } .b-funded { background: var(--funded); }
.b-mv { background: var(--mv); } .b-base { background: var(--base); }
.baseline { display: grid; grid-template-columns: 1fr 3fr; gap: 6px 12px; align-items: start; margin: 12px 0 4px; break-inside: avoid; }
.baseline .card.headline .f { font-size: 24px; line-height: 1.2; }
.baseline .card.headline .f small { display: block; font-size: 14px; font-weight: 400; }
.baseline .compare { padding-left: 12px; }
.baseline .compare h3 { margin: 4px 0 2px; }
.baseline .compare h3 small { text-transform: none; letter-spacing: 0; font-weight: 400; }
.baseline .cmp { display: grid; grid-template-columns: 120px minmax(0, 1fr) 110px; gap: 10px; align-items: center; font-size: 13px; }
.baseline .cmp .bar { height: 12px; margin: 0; }
.baseline .cmp .num { text-align: right; font-variant-numeric: tabular-nums; }
.baseline .method { grid-column: 1 / -1; color: var(--muted); font-size: 12.5px; margin: 2px 0 0; }
.baseline .method b { color: var(--text); font-weight: 600; }
.why-part { margin: 14px 0 6px; }
.why-part h3 small { text-transform: none; letter-spacing: 0; font-weight: 400; }
table.mv { border-collapse: collapse; font-size: 13px; width: 100%; max-width: 980px; table-layout: fixed; }
table.mv th { text-align: left; font-size: 12px; color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--line); padding: 3px 8px 3px 0; }
table.mv td { padding: 3px 8px 3px 0; border-bottom: 1px solid #f1f5f9; vertical-align: middle; overflow-wrap: anywhere; }
table.mv tr { break-inside: avoid; }
table.mv th:nth-child(1), table.mv td:nth-child(1) { width: 22%; }
table.mv th:nth-child(2), table.mv td:nth-child(2) { width: 28%; }
table.mv th:nth-child(3), table.mv td:nth-child(3) { width: 16%; }
table.mv .n { text-align: right; font-variant-numeric: tabular-nums; }
table.mv .barcell .bar { margin: 0; }
ul.reasons { list-style: none; margin: 0; padding: 0; font-size: 13px; max-width: 1000px; }
ul.reasons li { padding: 4px 0; border-bottom: 1px solid #f1f5f9; break-inside: avoid; }
ul.reasons .msg { color: #475569; }
.tag { display: inline-block; padding: 0 6px; border-radius: 8px; background: #eef2f6; color: #475569; font-size: 11px;
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; vertical-align: 1px; white-space: nowrap; }
details { margin: 4px 0 8px; font-size: 13px; }
details > summary { cursor: pointer; color: var(--funded); }
ul.plain { margin: 4px 0; padding-left: 18px; }
.bottlenecks .mv { fill: var(--mv); }
.row .nums small.sub { color: var(--muted); }
.sw.mv { background: var(--mv); }
.why-notes ul { margin: 0; padding-left: 18px; font-size: 13px; }
.fine { color: var(--muted); font-size: 11.5px; max-width: 1000px; margin-top: 14px; }
footer { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
@media (max-width: 900px) {
  .cards { grid-template-columns: repeat(2, 1fr); }
  .baseline { grid-template-columns: 1fr; }
  .row { grid-template-columns: 150px minmax(0, 1fr) 160px; }
}
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body { font-size: 11px; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 14px; }
  .sankey .flow { fill-opacity: .45 !important; }
  .row .tip:hover { fill: transparent; }
  section, figure { break-inside: auto; }
  .card, .row, figure.flow-diagram, section.flow { break-inside: avoid; }
  section.flow, section.timeline, section.donor-use, section.line-use, section.why { break-before: page; }
  details > summary { color: var(--muted); }
  .cards { grid-template-columns: repeat(4, 1fr); }
  .baseline { grid-template-columns: 1fr 3fr; margin: 8px 0 0; gap: 2px 12px; }
  .baseline .card.headline .f { font-size: 20px; }
  .baseline .compare h3 { margin: 0; }
  .baseline .cmp .bar { height: 9px; }
  .baseline .method { font-size: 10px; }
  .why-part { margin: 8px 0 4px; }
  ul.reasons, table.mv { font-size: 10.5px; }
  ul.reasons li { padding: 2px 0; }
  .row { grid-template-columns: 190px minmax(0, 520px) 230px; padding: 1px 0; }
  section.flow > h2, section.timeline > h2, section.donor-use > h2, section.line-use > h2, section.why > h2 { border-top: none; margin-top: 0; }
}
""";
}
