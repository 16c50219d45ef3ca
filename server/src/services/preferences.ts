import type { Preferences } from '@aisle/shared';
import { sessionNotFound } from '../errors';
import type { Store } from '../store/types';
import type { EventSink } from './events';

export class PreferencesService {
  constructor(
    private readonly store: Store,
    private readonly events: EventSink,
    private readonly now: () => number = Date.now,
  ) {}

  async get(id: string) {
    const preferences = await this.store.getPreferences(id);
    if (!preferences) throw sessionNotFound(id);
    return { session_id: id, preferences };
  }

  /** Partial merge: fields not sent keep their value. */
  async update(id: string, patch: Preferences) {
    const preferences = await this.store.updatePreferences(id, patch, this.now());
    if (!preferences) throw sessionNotFound(id);
    await this.events.publish(id, 'preferences.updated', { preferences });
    return { session_id: id, preferences };
  }
}
