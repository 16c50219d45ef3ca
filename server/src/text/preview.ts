/** A short excerpt of a message for events and dashboards. */
export const preview = (text: string): string =>
  text.length > 120 ? `${text.slice(0, 117)}...` : text;
