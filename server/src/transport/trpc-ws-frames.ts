import type { RequestId, RequestMessage } from './trpc-ws-messages';
import { PrebuiltText } from './ws-prebuilt-frame';

/**
 * Frames of plain-JSON tracked events, built once per event and subscription id (clients
 * mostly number their subscriptions alike), so a fan-out to thousands of subscribers
 * stringifies, encodes and frames each event once, not once per subscriber.
 */
const framesOf = new WeakMap<object, Map<RequestId, PrebuiltText>>();

export function trackedFrame(msg: RequestMessage, eventId: string, payload: object): PrebuiltText {
  // JSON-RPC-style clients (rare) get theirs built each time; the cache is keyed by id alone.
  if (msg.jsonrpc) return new PrebuiltText(buildTrackedFrame(msg, eventId, payload));
  let frames = framesOf.get(payload);
  if (!frames) {
    frames = new Map();
    framesOf.set(payload, frames);
  }
  let frame = frames.get(msg.id);
  if (!frame) {
    frame = new PrebuiltText(buildTrackedFrame(msg, eventId, payload));
    if (frames.size < 16) frames.set(msg.id, frame);
  }
  return frame;
}

/** The bytes tRPC's handler sends for `tracked(id, payload)` (a test compares them). */
export function buildTrackedFrame(msg: RequestMessage, eventId: string, payload: object): Buffer {
  const id = JSON.stringify(eventId);
  const rpc = msg.jsonrpc ? ',"jsonrpc":"2.0"' : '';
  return Buffer.from(
    `{"id":${JSON.stringify(msg.id)}${rpc},"result":{"type":"data","data":{"json":{"id":${id},"data":${JSON.stringify(payload)}}},"id":${id}}}`,
  );
}
