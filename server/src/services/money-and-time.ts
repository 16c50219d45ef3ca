/** Presentation helpers shared by services (the wire uses ISO 8601 UTC and "1h 15m"). */
export const iso = (ms: number): string => new Date(ms).toISOString();

/** "1h 15m", "3m", "0m"; days fold into hours. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h}h ${m}m` : `${m}m`;
}

/** Money in cents-exact arithmetic, so 0.1 + 0.2 style drift never reaches a subtotal. */
export const sumMoney = (amounts: number[]): number =>
  Math.round(amounts.reduce((acc, a) => acc + Math.round(a * 100), 0)) / 100;
