const KEY = 'aisle.dashboard.adminToken';

/** The admin token for this tab only (sessionStorage: gone when the tab closes). */
export const tokenStore = {
  load(): string | undefined {
    try {
      return sessionStorage.getItem(KEY) ?? undefined;
    } catch {
      return undefined; // storage disabled: ask every time
    }
  },
  save(token: string): void {
    try {
      sessionStorage.setItem(KEY, token);
    } catch {
      // storage disabled: the token lives as long as the page
    }
  },
  clear(): void {
    try {
      sessionStorage.removeItem(KEY);
    } catch {
      // nothing stored
    }
  },
};
