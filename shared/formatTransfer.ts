/** "12.3 MB of 600.0 MB (2%)" — a download's progress, in decimal megabytes as browsers show them. */
export function formatTransfer(done: number, total: number | null): string {
  const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
  if (total === null || total <= 0) return mb(done);
  return `${mb(done)} of ${mb(total)} (${Math.floor((done / total) * 100)}%)`;
}
