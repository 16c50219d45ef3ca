import { maskPersonalData } from '../text/mask-personal-data';

/**
 * An unexpected error as a log line shows it: message and stack with personal data masked
 * (an error may quote the input that caused it). Never the request body.
 */
export function faultFields(err: unknown): { error: string; stack?: string } {
  const error = maskPersonalData(String(err)).text;
  const stack = err instanceof Error && err.stack ? maskPersonalData(err.stack).text : undefined;
  return stack === undefined ? { error } : { error, stack };
}
