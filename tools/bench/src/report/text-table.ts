/** Render rows as a plain-text table with a header rule; columns sized to fit. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = rows.filter((r) => r.length > 1);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join(' │ ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [line(header), rule, ...rows.map((r) => (r.length === 1 ? (r[0] as string) : line(r)))].join('\n');
}
