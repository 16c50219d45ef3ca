/**
 * Message metadata of a `POST /api/v1/shopping/chat` answer (the AI SDK's UI message stream):
 * what a storefront shows beside the text. One type for the endpoint and its clients.
 */
export interface ChatMetadata {
  session_id: string;
  intent: string;
  /** Only on the answer that created the session: the token later requests need. */
  session_token?: string;
  alternatives?: true;
  not_carried?: string[];
  /** On `finish`: whether the answer came from the cache, and whether it was cut short. */
  cached?: boolean;
  interrupted?: boolean;
  sources?: { id: string; title: string }[];
}
