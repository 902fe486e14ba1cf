/** One Server-Sent Events message. `data` is JSON: one line, so one `data:` field. */
export function sseMessage(id: string, event: string, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment line: keeps proxies from closing an idle stream; clients ignore it. */
export const SSE_PING = ': ping\n\n';

/**
 * An `id:` alone: it sets the client's last event id and dispatches nothing (a message without
 * data). Sent when a stream opens, so a client that loses it before any event arrives reconnects
 * with `Last-Event-ID` and is replayed what it missed instead of being told to reset.
 */
export function ssePosition(id: string): string {
  return `id: ${id}\n\n`;
}
