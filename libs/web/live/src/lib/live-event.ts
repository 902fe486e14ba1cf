import { LIVE_EVENT_TYPES, LIVE_RESET_EVENT, type LiveEventDataMap } from '@taskflow/shared-contracts';

/**
 * An event as the screens receive it: the contract's `LiveMessage`, keyed by `type`, with `id`
 * optional because the connection itself reports a `reset` (no id) when it comes back without an
 * id to replay from.
 */
export type LiveEvent = {
  [K in keyof LiveEventDataMap]: { id?: string; type: K; data: LiveEventDataMap[K] };
}[keyof LiveEventDataMap];

export type LiveEventName = LiveEvent['type'];

export function isLiveEventName(name: string): name is LiveEventName {
  return name === LIVE_RESET_EVENT || (LIVE_EVENT_TYPES as readonly string[]).includes(name);
}
