// The clients of the fan-out's open GET /api/events streams, in a process of their own (forked by
// fan-out.mjs) so that the bench can report their CPU apart from everything else. Each stream is a
// raw socket that sends one request and then only reads: no HTTP client library, no timers, and no
// parsing while the streams are idle (a `: ping` every 20 s is read and dropped). While recording,
// each message's taskId and arrival time are kept for the parent's latency figures.
//
// Messages from the parent: { open: { base, tokens } } → { opened }, { record: true } → { recording },
// { arrivals: true } → { arrivals: [[taskId, ms], ...] }, { close: true } → { closed }.
import { connect } from 'node:net';

const sockets = new Set();
let recording = false;
let arrivals = [];

process.on('message', async (message) => {
  if (message.open) {
    const { base, tokens } = message.open;
    const url = new URL(base);
    for (const token of tokens) await openStream(url, token);
    process.send({ opened: sockets.size });
  } else if (message.record) {
    arrivals = [];
    recording = true;
    process.send({ recording: true });
  } else if (message.arrivals) {
    process.send({ arrivals });
  } else if (message.close) {
    recording = false;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    process.send({ closed: true });
  }
});
process.on('disconnect', () => process.exit(0));

/** Resolves once the response's status line has arrived (rejects on anything but 200). */
function openStream(url, token) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), noDelay: true });
    let started = false;
    let pending = '';
    socket.setEncoding('utf8');
    socket.on('connect', () =>
      socket.write(`GET /api/events HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`),
    );
    socket.on('data', (text) => {
      if (!started) {
        started = true;
        if (!text.startsWith('HTTP/1.1 200')) return reject(new Error(`stream: ${text.split('\r\n')[0]}`));
        sockets.add(socket);
        resolve();
      }
      if (!recording) return;
      const at = Date.now();
      // The server writes each message in one chunk, so chunk-size lines fall between messages.
      pending += text;
      let end;
      while ((end = pending.indexOf('\n\n')) >= 0) {
        const taskId = /"taskId":"([^"]+)"/.exec(pending.slice(0, end))?.[1];
        if (taskId) arrivals.push([taskId, at]);
        pending = pending.slice(end + 2);
      }
    });
    socket.on('error', (error) => (started ? undefined : reject(error)));
    socket.on('close', () => sockets.delete(socket));
  });
}
