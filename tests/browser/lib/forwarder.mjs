// A TCP forwarder whose outgoing connections leave from a chosen loopback address (e.g. 127.0.0.2).
// On Linux a connection *to* 127.0.0.2 still comes *from* 127.0.0.1 (the route's preferred source), and
// Chromium cannot pick its source address; so the browser talks to this forwarder, and the server truly
// sees a peer outside AUTH_TRUSTED_NETWORKS=127.0.0.1/32. Bytes pass unchanged (Host, cookies, Origin).
import net from 'node:net';

export function startForwarder({ listenHost, targetHost, targetPort, sourceAddress }) {
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: targetHost, port: targetPort, localAddress: sourceAddress });
    for (const s of [client, upstream]) { sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => {}); }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, listenHost, () => resolve({
      port: server.address().port,
      close: () => new Promise((done) => { for (const s of sockets) s.destroy(); server.close(() => done()); }),
    }));
  });
}
