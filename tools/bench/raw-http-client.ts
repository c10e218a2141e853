import { type Socket, connect } from 'node:net';

/** One answer: status and body text. */
export interface RawHttpAnswer {
  status: number;
  body: string;
}

interface Waiting {
  request: Buffer;
  resolve(answer: RawHttpAnswer): void;
  reject(error: Error): void;
}

/**
 * A load generator's HTTP/1.1 client: a fixed set of keep-alive connections, one request in flight on each, requests
 * queued here when all are busy (a queued request's wait counts in its latency). Requests are written as prepared
 * bytes and answers parsed just enough (status, Content-Length): the client must cost the machine far less than
 * the service it measures, which Node's http client (an object graph per request) does not on 2 cores.
 */
export class RawHttpClient {
  private readonly idle: Connection[] = [];
  private readonly queue: Waiting[] = [];

  constructor(host: string, port: number, connections: number) {
    for (let i = 0; i < connections; i++) this.idle.push(new Connection(host, port, (c) => this.release(c)));
  }

  /** `request`: the whole HTTP/1.1 request (headers with Content-Length, and the body). */
  send(request: Buffer): Promise<RawHttpAnswer> {
    return new Promise((resolve, reject) => {
      const waiting = { request, resolve, reject };
      const connection = this.idle.pop();
      if (connection) connection.start(waiting);
      else this.queue.push(waiting);
    });
  }

  close(): void {
    for (const connection of this.idle) connection.close();
  }

  private release(connection: Connection): void {
    const next = this.queue.shift();
    if (next) connection.start(next);
    else this.idle.push(connection);
  }
}

class Connection {
  private socket?: Socket;
  private current?: Waiting;
  private buffer: Buffer = Buffer.alloc(0);

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly done: (connection: Connection) => void,
  ) {}

  start(waiting: Waiting): void {
    this.current = waiting;
    const socket = (this.socket ??= this.open());
    socket.write(waiting.request);
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private open(): Socket {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = (error: Error) => {
      this.socket = undefined;
      this.buffer = Buffer.alloc(0);
      const current = this.current;
      this.current = undefined;
      if (current) {
        current.reject(error);
        this.done(this);
      }
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
    return socket;
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const headerEnd = this.buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const head = this.buffer.toString('latin1', 0, headerEnd);
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    const total = headerEnd + 4 + length;
    if (this.buffer.length < total) return;
    const status = Number(head.slice(9, 12));
    const body = this.buffer.toString('utf8', headerEnd + 4, total);
    this.buffer = this.buffer.subarray(total);
    const current = this.current;
    this.current = undefined;
    current?.resolve({ status, body });
    this.done(this);
  }
}

/** A POST with a JSON body, as bytes. */
export function jsonPost(path: string, host: string, authorization: string, body: string): Buffer {
  return Buffer.from(
    `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${authorization}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
