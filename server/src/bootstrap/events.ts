import type { Logger } from '../logger';
import { EventBus } from '../services/event-bus';
import type { Store } from '../store/types';

export const createEventSink = (store: Store, log: Logger): EventBus => new EventBus(store, log);
