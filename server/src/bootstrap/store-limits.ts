import type { Config } from '../config';
import type { StoreLimits } from '../store/types';

/** The store's TTLs and size limits from the config: one reading for the server and the tools. */
export function storeLimitsOf(config: Config): StoreLimits {
  return {
    sessionTtlMs: config.SESSION_TTL_SECONDS * 1000,
    conversationTtlMs: config.CONVERSATION_TTL_SECONDS * 1000,
    touchIntervalMs: config.SESSION_TOUCH_INTERVAL_SECONDS * 1000,
    maxHistory: config.MAX_HISTORY_MESSAGES,
    maxTopics: 200,
    maxSessionCache: 200,
    maxSessions: config.MEMORY_MAX_SESSIONS,
  };
}
