"""The report page's style sheet, inline: readable on screen and on paper."""

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #111; max-width: 1200px; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #999; margin-top: 2rem; }
.meta { color: #444; }
.chart-block { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start;
  margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
svg.chart { max-width: 100%; height: auto; background: #fff; }
svg .chart-title { font-size: 15px; font-weight: 600; }
svg .tick, svg .category, svg .legend, svg .axis-unit { font-size: 12px; fill: #222; }
svg .grid { stroke: #ddd; }
svg .axis { stroke: #222; }
svg .mark { stroke-width: 3; }
svg .mark-0 { stroke: #000; stroke-dasharray: 6 3; }
svg .mark-1 { stroke: #D55E00; }
table { border-collapse: collapse; font-size: .85rem; }
th, td { border: 1px solid #bbb; padding: .2rem .5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
@media print {
  body { margin: 0; }
  h2 { break-after: avoid; }
}
"""
