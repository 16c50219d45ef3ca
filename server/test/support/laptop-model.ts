/** The answer a scripted laptop model streams, chunk by chunk. */
export const LAPTOP_ANSWER = ['Here ', 'are ', 'three ', 'laptops.'];

/**
 * A scripted model for the OpenAI-compatible stub: a structured understanding (cheapest
 * laptops) through a tool call, then LAPTOP_ANSWER streamed. `mode` is read per call, so a
 * test can make it fail (500) or hang after two chunks.
 */
export function laptopModel(mode: { fail?: boolean; hang?: boolean }) {
  return (call: { body: { tools?: unknown[]; stream?: boolean } }) => {
    if (mode.fail) return { status: 500 };
    if (call.body.tools?.length) {
      return {
        toolCall: {
          arguments: {
            intent: 'product_inquiry',
            query: { text: 'laptop', category: 'laptop', sort: 'price_asc', limit: 3 },
            references: [],
            followUp: false,
          },
        },
      };
    }
    return mode.hang
      ? { chunks: LAPTOP_ANSWER.slice(0, 2), hangAfterChunks: true }
      : { chunks: LAPTOP_ANSWER };
  };
}
