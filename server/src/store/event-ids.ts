/** Stream entry ids "<ms>-<seq>" compare numerically, part by part. */
export function compareEventIds(a: string, b: string): number {
  if (a === b) return 0;
  // Runs per delivery per subscriber: same-shaped ids (the usual case) compare as strings.
  const ad = a.indexOf('-');
  if (ad === b.indexOf('-') && a.length === b.length) return a < b ? -1 : 1;
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}
