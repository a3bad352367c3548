// The HTTP server of a local fake provider (stripe_fake.mjs, ninjavan_fake.mjs): it listens on
// 127.0.0.1 only, on a free port, and stopping it closes every connection still open, so that
// a suite never waits on a client's keep-alive socket. A fake extends it and passes its
// request handler.
import http from 'node:http';

export class LoopbackServer {
  constructor(handler) {
    this.sockets = new Set();
    this.server = http.createServer(handler);
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  async start() {
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = this.server.address().port;
    return this;
  }

  stop() {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
}
