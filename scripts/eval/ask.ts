/**
 * The app's own services for one store, built the way the server builds them for a store's
 * catalog: config from the environment schema with CATALOG_FILE (and CATALOG_MAPPING) set, the
 * real catalog loader, the in-memory store, the provider the config selects (the local one),
 * and the server's own choice of seed documents (for a store's catalog without KNOWLEDGE_FILE:
 * none). Using the server's choice means a regression that seeds the demo policies for a real
 * store shows up here as invented policies.
 * Questions go through `services.questions.answer`, the path `shopping.query` takes.
 */
import type { Preferences } from '@aisle/shared';
import { loadCatalog } from '../../server/src/bootstrap/catalog';
import { loadSeedDocuments } from '../../server/src/bootstrap/knowledge';
import { createProvider } from '../../server/src/bootstrap/provider';
import { storeLimitsOf } from '../../server/src/bootstrap/store-limits';
import { loadConfig } from '../../server/src/config';
import { createLogger } from '../../server/src/logger';
import { createServices, type Services } from '../../server/src/services';
import { EventBus } from '../../server/src/services/event-bus';
import { hashToken } from '../../server/src/services/tokens';
import { createStore } from '../../server/src/store';
import type { TurnAnswer } from './answer';

export interface StoreUnderTest {
  services: Services;
  close(): Promise<void>;
}

export interface StoreFiles {
  /** CATALOG_FILE: a file or a folder. */
  catalogFile: string;
  /** CATALOG_MAPPING, when the set names one. */
  mapping?: string;
}

/** The services of a server started on `files` (no HTTP: the eval calls the services). */
export async function openStore(files: StoreFiles): Promise<StoreUnderTest> {
  const config = loadConfig({
    CATALOG_FILE: files.catalogFile,
    ...(files.mapping === undefined ? {} : { CATALOG_MAPPING: files.mapping }),
    LLM_PROVIDER: 'local',
    LOG_LEVEL: 'silent',
    // The eval asks hundreds of questions in a burst from one "client".
    RATE_LIMIT_ENABLED: 'false',
  });
  const log = createLogger('silent');
  const store = await createStore({
    limits: storeLimitsOf(config),
  });
  try {
    const catalog = await loadCatalog(config, log);
    const provider = await createProvider(config, catalog);
    const events = new EventBus(store, log);
    const services = await createServices({
      config,
      store,
      catalog,
      provider,
      events,
      seedDocuments: loadSeedDocuments(config),
      log,
    });
    return {
      services,
      close: async () => {
        events.close();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** One shopper's conversation: a session, its preferences, its questions in order. */
export async function openConversation(services: Services) {
  const { session_id: sessionId, session_token: token } = await services.sessions.create();
  return {
    async savePreferences(preferences: Preferences): Promise<void> {
      await services.preferences.update(sessionId, preferences, { tokenHash: hashToken(token) });
    },
    async ask(q: string): Promise<TurnAnswer> {
      const result = await services.questions.answer({ q, sessionId }, token);
      return {
        answer: result.answer,
        intent: result.intent,
        products: result.products,
        sources: result.sources,
      };
    },
  };
}
