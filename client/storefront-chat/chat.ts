import type { ChatMetadata, ProductCard } from '@aisle/shared';
import {
  AbstractChat,
  type ChatInit,
  type ChatState,
  type ChatStatus,
  DefaultChatTransport,
  type UIMessage,
} from 'ai';

export type { ChatMetadata, ProductCard };

export type ShoppingMessage = UIMessage<ChatMetadata, { products: ProductCard[] }>;

/**
 * What `useChat` keeps in React state, kept in plain fields instead: every change calls
 * `onChange`, and the page redraws. The `ai` package ships only the framework-free
 * `AbstractChat`; the framework bindings (@ai-sdk/react, vue, svelte) each add such a state.
 */
class ObservableState<M extends UIMessage> implements ChatState<M> {
  #status: ChatStatus = 'ready';
  #error: Error | undefined;
  #messages: M[] = [];

  constructor(private readonly onChange: () => void) {}

  get status() {
    return this.#status;
  }
  set status(value: ChatStatus) {
    this.#status = value;
    this.onChange();
  }
  get error() {
    return this.#error;
  }
  set error(value: Error | undefined) {
    this.#error = value;
    this.onChange();
  }
  get messages() {
    return this.#messages;
  }
  set messages(value: M[]) {
    this.#messages = [...value];
    this.onChange();
  }
  pushMessage = (message: M) => {
    this.#messages = [...this.#messages, message];
    this.onChange();
  };
  popMessage = () => {
    this.#messages = this.#messages.slice(0, -1);
    this.onChange();
  };
  replaceMessage = (index: number, message: M) => {
    this.#messages = this.#messages.map((m, i) => (i === index ? message : m));
    this.onChange();
  };
  snapshot = <T>(thing: T): T => structuredClone(thing);
}

/**
 * 128 random bits, base64url (22 characters): long enough to be a new session id. Not
 * `crypto.randomUUID()`, which browsers offer only on HTTPS and localhost.
 */
export function newChatId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export interface StorefrontChatOptions {
  /** The chat endpoint; `/api/v1/shopping/chat` on the page's own origin by default. */
  api?: string;
  /** The chat id, which is the session id: a new chat needs 22+ random characters. */
  id?: string;
  onChange?: () => void;
  /** A fetch of one's own (tests read each response beside the chat). */
  fetch?: typeof fetch;
  onError?: ChatInit<ShoppingMessage>['onError'];
}

/**
 * A chat with Aisle through the AI SDK: `DefaultChatTransport` posts to the chat endpoint;
 * the session token the first answer carries in its metadata is sent as the bearer from then
 * on. Only the newest message is posted: the assistant reads the history from the session.
 */
export class StorefrontChat extends AbstractChat<ShoppingMessage> {
  readonly #auth: { token?: string };

  constructor(options: StorefrontChatOptions = {}) {
    // Filled in by the first answer's metadata; read by the transport on every request.
    const auth: { token?: string } = {};
    let notify = () => {};
    const state = new ObservableState<ShoppingMessage>(() => notify());
    super({
      id: options.id ?? newChatId(),
      state,
      transport: new DefaultChatTransport<ShoppingMessage>({
        api: options.api ?? '/api/v1/shopping/chat',
        ...(options.fetch ? { fetch: options.fetch } : {}),
        headers: (): Record<string, string> =>
          auth.token ? { authorization: `Bearer ${auth.token}` } : {},
        prepareSendMessagesRequest: ({ id, messages, trigger, messageId }) => ({
          body: { id, messages: messages.slice(-1), trigger, messageId },
        }),
      }),
      onError: options.onError,
    });
    this.#auth = auth;
    notify = () => {
      const token = this.lastMessage?.metadata?.session_token;
      if (token) auth.token = token;
      options.onChange?.();
    };
  }

  /** The session token, once the first answer has created the session. */
  get sessionToken(): string | undefined {
    return this.#auth.token;
  }
}
