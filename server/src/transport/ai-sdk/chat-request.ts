import { SessionIdSchema } from '@aisle/shared';
import { z } from 'zod';
import { AppError } from '../../errors';

export const CHAT_PATH = '/api/v1/shopping/chat';

/**
 * The body the AI SDK's `DefaultChatTransport` posts (`ai` v5+): the chat id, the messages the
 * client holds, and what triggered the request. Other fields a storefront adds through the
 * transport's `body` option pass through unread.
 */
const PartSchema = z.looseObject({ type: z.string().max(100) });

const MessageSchema = z.looseObject({
  id: z.string().max(200),
  role: z.enum(['system', 'user', 'assistant']),
  parts: z.array(PartSchema).max(200),
});

export const ChatRequestSchema = z.looseObject({
  /** The chat id is the session id (a new chat's id must be a new session id: 22+ random chars). */
  id: SessionIdSchema,
  messages: z.array(MessageSchema).min(1, 'messages must hold the user message').max(500),
  trigger: z.enum(['submit-message', 'regenerate-message']),
  messageId: z.string().max(200).optional(),
});
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

/**
 * The question: the text of the last message, which must be the user's. Only that message is
 * read; the history the assistant uses is the session's own, so a client cannot put words in
 * the assistant's mouth by sending made-up assistant turns.
 */
export function questionOf(chat: ChatRequest): string {
  const last = chat.messages.at(-1);
  const index = chat.messages.length - 1;
  if (last?.role !== 'user') {
    throw new AppError('VALIDATION_ERROR', 'The last message must be the user’s question', {
      issues: [{ path: `messages.${index}.role`, message: 'expected "user"' }],
    });
  }
  const text = last.parts
    .filter(
      (p): p is { type: 'text'; text: string } => p.type === 'text' && typeof p.text === 'string',
    )
    .map((p) => p.text)
    .join('\n');
  if (text.trim() === '') {
    throw new AppError('VALIDATION_ERROR', 'The last message has no text to ask', {
      issues: [{ path: `messages.${index}.parts`, message: 'expected a non-empty text part' }],
    });
  }
  return text;
}
