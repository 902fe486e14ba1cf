import { createServer, type Server, type Socket } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { parseMessage, type ParsedMessage } from './parse-message';

export interface ReceivedMessage extends ParsedMessage {
  envelopeFrom: string;
  envelopeTo: string[];
}

export interface RecipientAttempt {
  address: string;
  at: number;
  refusedWith?: number;
}

export interface SmtpBehaviour {
  /** Return a reply code to refuse this recipient (4xx temporary, 5xx permanent), undefined to accept. */
  refuseRecipient?: (address: string, attemptNumber: number) => number | undefined;
  /** Hold each message this long before accepting it, so deliveries overlap. */
  dataDelayMs?: number;
}

/**
 * A real SMTP server (the `smtp-server` package) on a free loopback port, recording what it
 * receives. No STARTTLS or AUTH: the test talks plain SMTP on 127.0.0.1.
 */
export class TestSmtpServer {
  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
    readonly messages: ReceivedMessage[],
    /** Every RCPT TO the server saw, refused or not, with when it came. */
    readonly recipientAttempts: RecipientAttempt[],
  ) {}

  static async start(behaviour: SmtpBehaviour = {}): Promise<TestSmtpServer> {
    const messages: ReceivedMessage[] = [];
    const attempts: RecipientAttempt[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address: SMTPServerAddress, _session, callback) {
        const attemptNumber = attempts.filter((attempt) => attempt.address === address.address).length + 1;
        const refusedWith = behaviour.refuseRecipient?.(address.address, attemptNumber);
        attempts.push({ address: address.address, at: Date.now(), refusedWith });
        if (refusedWith === undefined) return callback();
        const error = Object.assign(new Error(`Recipient refused by the test server (attempt ${attemptNumber})`), { responseCode: refusedWith });
        callback(error);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const accept = () => {
            messages.push({
              ...parseMessage(Buffer.concat(chunks).toString('utf8')),
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            });
            callback();
          };
          if (behaviour.dataDelayMs) setTimeout(accept, behaviour.dataDelayMs);
          else accept();
        });
      },
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
    return new TestSmtpServer(server, `smtp://127.0.0.1:${port}`, messages, attempts);
  }

  messagesTo(address: string): ReceivedMessage[] {
    return this.messages.filter((message) => message.envelopeTo.includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Accepts TCP connections and never says a word: the worst kind of mail server. */
export class SilentSmtpServer {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly sockets: Set<Socket>,
    private readonly counter: { connections: number },
  ) {}

  /** Connections that came in (the worker trying to send). */
  get connections(): number {
    return this.counter.connections;
  }

  static async start(): Promise<SilentSmtpServer> {
    const sockets = new Set<Socket>();
    const counter = { connections: 0 };
    const server = createServer((socket) => {
      counter.connections += 1;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      }),
    );
    return new SilentSmtpServer(server, `smtp://127.0.0.1:${port}`, sockets, counter);
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls until the condition holds, or fails the test with a message after the timeout. */
export async function waitFor(condition: () => boolean | Promise<boolean>, description: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
