import type { Preferences } from '@aisle/shared';
import { sessionNotFound } from '../errors';
import type { SessionAccess, Store } from '../store/types';
import type { EventSink } from './events';

/** Each call is one store step for its caller (`access`): token checked with the work. */
export class PreferencesService {
  constructor(
    private readonly store: Store,
    private readonly events: EventSink,
    private readonly now: () => number = Date.now,
  ) {}

  async get(id: string, access: SessionAccess) {
    const preferences = await this.store.getPreferences(id, access);
    if (!preferences) throw sessionNotFound(id);
    return { session_id: id, preferences };
  }

  /** Partial merge: fields not sent keep their value; `preferences.updated` says the result. */
  async update(id: string, patch: Preferences, access: SessionAccess) {
    const event = this.events.withWrite('preferences.updated', {});
    const preferences = await this.store.updatePreferences(id, patch, this.now(), {
      access,
      event,
    });
    if (!preferences) throw sessionNotFound(id);
    this.events.stored('preferences.updated');
    return { session_id: id, preferences };
  }
}
