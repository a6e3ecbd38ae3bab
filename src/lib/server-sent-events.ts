/** One event of a `text/event-stream` body: its `event:` name (default `message`) and joined `data:` lines. */
export type ServerSentEvent = { event: string; data: string }

/**
 * Reads a `text/event-stream` body as it arrives (the WHATWG "event stream interpretation"): lines
 * may end in LF, CR or CRLF and may be split across network reads, `:` lines are comments, and an
 * empty line dispatches the event gathered so far. A stream cut mid-event drops that event, as
 * `EventSource` does, so a caller never acts on half a message.
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const reader = body.getReader()
  // `stream: true` keeps a UTF-8 character split across two reads whole.
  const decoder = new TextDecoder()
  let buffer = ''
  let event = ''
  let data: string[] = []
  try {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return
      buffer += decoder.decode(value, { stream: true })
      for (;;) {
        const end = buffer.search(/\r\n|\r|\n/)
        // A lone CR at the end may be the first half of a CRLF still on its way.
        if (end === -1 || (buffer[end] === '\r' && end === buffer.length - 1)) break
        const line = buffer.slice(0, end)
        buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1))
        if (line === '') {
          if (data.length > 0) yield { event: event || 'message', data: data.join('\n') }
          event = ''
          data = []
          continue
        }
        if (line.startsWith(':')) continue
        const colon = line.indexOf(':')
        const field = colon === -1 ? line : line.slice(0, colon)
        let value = colon === -1 ? '' : line.slice(colon + 1)
        if (value.startsWith(' ')) value = value.slice(1)
        if (field === 'event') event = value
        else if (field === 'data') data.push(value)
      }
    }
  } finally {
    // Stops the download when the caller leaves early; harmless once the stream has ended.
    await reader.cancel().catch(() => undefined)
  }
}
