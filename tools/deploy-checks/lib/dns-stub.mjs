// A tiny authoritative DNS server on 127.0.0.1 (UDP) standing in for Docker's embedded DNS:
// it answers A queries for the names it knows, one record per "replica", like `api` under
// `docker compose up --scale api=N`.
import { createSocket } from 'node:dgram';

function readName(msg, offset) {
  const labels = [];
  let i = offset;
  while (msg[i] !== 0) {
    const len = msg[i];
    labels.push(msg.subarray(i + 1, i + 1 + len).toString('ascii'));
    i += len + 1;
  }
  return { name: labels.join('.').toLowerCase(), end: i + 1 };
}

/** records: { 'api.test': ['127.0.0.1', '127.0.0.2'] } (mutable: change it to "scale"). */
export async function startDnsStub(records) {
  const queries = [];
  const socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    if (msg.length < 12) return;
    const { name, end } = readName(msg, 12);
    const qtype = msg.readUInt16BE(end);
    queries.push({ name, qtype, at: Date.now() });
    const question = msg.subarray(12, end + 4);
    const addresses = qtype === 1 ? records[name] ?? [] : [];
    const header = Buffer.alloc(12);
    header.writeUInt16BE(msg.readUInt16BE(0), 0); // id
    const rd = msg[2] & 0x01;
    header[2] = 0x84 | rd; // QR=1, AA=1, RD copied
    header[3] = records[name] ? 0x00 : 0x03; // NOERROR or NXDOMAIN
    header.writeUInt16BE(1, 4); // one question
    header.writeUInt16BE(addresses.length, 6);
    const answers = addresses.map((ip) => {
      const rr = Buffer.alloc(16);
      rr.writeUInt16BE(0xc00c, 0); // pointer to the question's name
      rr.writeUInt16BE(1, 2); // A
      rr.writeUInt16BE(1, 4); // IN
      rr.writeUInt32BE(600, 6); // TTL as Docker's DNS gives; nginx's valid= overrides it
      rr.writeUInt16BE(4, 10);
      ip.split('.').forEach((octet, k) => { rr[12 + k] = Number(octet); });
      return rr;
    });
    socket.send(Buffer.concat([header, question, ...answers]), rinfo.port, rinfo.address);
  });
  await new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', resolve);
  });
  return {
    address: `127.0.0.1:${socket.address().port}`,
    records,
    queries,
    close: () => new Promise((r) => socket.close(r)),
  };
}
