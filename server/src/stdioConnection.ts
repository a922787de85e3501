// The server's connection. Over stdio the message reader is ours: the library's own reader reports a broken
// stream — a header without a numeric Content-Length, a body that is not JSON, a message that never completes
// (a Content-Length larger than what was sent) — as an error event nobody hears, and the server would stay
// alive but deaf for good. Here it exits non-zero with one line on stderr, so the client restarts it.
// Other transports (VS Code's --node-ipc, --socket, --pipe) are the library's as before.
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';

/** How long a message may stay incomplete before the stream counts as broken (a local pipe delivers at once). */
const partialMessageMs = 5000;

export function createServerConnection(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  let shutdown = false;
  const exit = (code: number, why?: string) => {
    if (why) process.stderr.write(`goconc: the LSP input is broken (${why}); exiting so that the client restarts the server\n`);
    process.exit(code);
  };
  const reader = new StreamMessageReader(process.stdin);
  reader.partialMessageTimeout = partialMessageMs;
  reader.onError((e) => exit(1, e.message.split('\n')[0]));
  reader.onPartialMessage((p) => exit(1, `a message stayed incomplete for ${p.waitingTime} ms`));
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  // The shutdown request decides the exit code when the input ends; the server registers its own handler later.
  const onShutdown = connection.onShutdown.bind(connection);
  connection.onShutdown = (handler) =>
    onShutdown((token) => {
      shutdown = true;
      return handler(token);
    });
  connection.onShutdown(() => undefined);
  // What the library does for --stdio itself: the end of the input ends the server; stdout carries the
  // protocol, so console output goes to the client's log instead.
  process.stdin.on('end', () => exit(shutdown ? 0 : 1));
  process.stdin.on('close', () => exit(shutdown ? 0 : 1));
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  return connection;
}
