/**
 * A streamed answer from an async generator of bytes: the generator is asked for a chunk only
 * when the client has taken the last (back-pressure), and a client that goes away cancels the
 * stream, which returns the generator so that its `finally` blocks run and no more rows are read.
 * The first chunk is awaited before the answer starts, so a failure that comes before any byte is
 * sent still becomes an error answer.
 */
export async function streamedResponse(
  chunks: AsyncGenerator<Uint8Array>,
  headers: Record<string, string>,
): Promise<Response> {
  const first = await chunks.next();
  let pending: Uint8Array | null = first.done ? null : first.value;
  let finished = Boolean(first.done);
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (pending) {
          controller.enqueue(pending);
          pending = null;
          if (finished) controller.close();
          return;
        }
        if (finished) {
          controller.close();
          return;
        }
        try {
          const next = await chunks.next();
          if (next.done) {
            finished = true;
            controller.close();
          } else {
            controller.enqueue(next.value);
          }
        } catch (error) {
          // Past the headers no error answer can be sent: the client sees the stream cut.
          console.error('export: the stream failed midway', error);
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: 200, headers });
}

/** `Content-Disposition` for a file name that may hold Chinese (RFC 6266 / 5987). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
