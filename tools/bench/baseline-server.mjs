// The baseline: a bare node:http server that answers every request with the body it is given.
// Started by the bench in the same run, but in a process of its own: served from the bench's own
// process it reached only 10-13k req/s where a standalone one reached 21-25k, which would have
// flattered every ratio.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const body = readFileSync(process.argv[2]);
const server = createServer((_, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('disconnect', () => server.close(() => process.exit(0)));
