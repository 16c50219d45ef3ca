/**
 * A policy / FAQ document of the store's knowledge base, as stored and searched (admins send
 * `text` or its alias `content`; the server keeps `text` and a title).
 */
export interface KnowledgeDoc {
  id: string;
  title: string;
  text: string;
  metadata?: Record<string, string | number | boolean>;
}
