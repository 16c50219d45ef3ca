/**
 * Values known to be plain JSON (built from parsed JSON, no Dates, Maps or undefined): the
 * tRPC transformer sends them without superjson's walk. Only code that builds such values
 * adds them; anything else takes the full path.
 */
export const plainJson = new WeakSet<object>();
