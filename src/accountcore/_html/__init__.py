"""Pages of our own: self-contained HTML with inline SVG charts, nothing fetched."""
