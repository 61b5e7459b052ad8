/**
 * The reverse proxy of a real deployment, for benchmarks: TLS and HTTP/2 in front of the
 * server, as docs/operations.md's nginx does (`listen 443 ssl http2`). Over HTTP/2 the
 * browser sends every request on one connection and both sides compress repeated headers
 * (HPACK), which on a 2G link is most of what a small file costs. A certificate for
 * 127.0.0.1 is made with openssl for the run; the browser must be told to accept it.
 */
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import {
  constants,
  createSecureServer,
  type Http2Session,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from 'node:http2';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsTerminator {
  /** `https://127.0.0.1:port`. */
  readonly url: string;
  readonly port: number;
  /** The certificate's key, as Chromium's --ignore-certificate-errors-spki-list takes it. */
  readonly spkiHash: string;
  close(): Promise<void>;
}

/** Headers HTTP/2 forbids or that describe the connection to the server, not the answer. */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
]);

export async function startTlsTerminator(target: URL): Promise<TlsTerminator> {
  const dir = mkdtempSync(join(tmpdir(), 'sakhi-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const cert = readFileSync(join(dir, 'cert.pem'));
    const spkiHash = createHash('sha256')
      .update(new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64');
    const server = createSecureServer({
      key: readFileSync(join(dir, 'key.pem')),
      cert,
      allowHTTP1: true,
    });
    const sessions = new Set<Http2Session>();
    server.on('session', (session) => {
      sessions.add(session);
      session.on('close', () => sessions.delete(session));
    });
    server.on('stream', (stream, headers: IncomingHttpHeaders) => {
      const forwarded: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(headers)) {
        if (!name.startsWith(':') && value !== undefined) forwarded[name] = value;
      }
      forwarded.host = target.host;
      const upstream = request(
        {
          host: target.hostname,
          port: Number(target.port),
          method: headers[constants.HTTP2_HEADER_METHOD] as string,
          path: headers[constants.HTTP2_HEADER_PATH] as string,
          headers: forwarded,
        },
        (answer) => {
          const back: OutgoingHttpHeaders = { ':status': answer.statusCode ?? 502 };
          for (const [name, value] of Object.entries(answer.headers)) {
            if (!hopByHop.has(name) && value !== undefined) back[name] = value;
          }
          if (stream.destroyed) return answer.resume();
          stream.respond(back);
          answer.pipe(stream);
        },
      );
      upstream.on(
        'error',
        () => stream.destroyed || stream.close(constants.NGHTTP2_INTERNAL_ERROR),
      );
      stream.on('error', () => upstream.destroy());
      stream.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `https://127.0.0.1:${port}`,
      port,
      spkiHash,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Open sessions would hold close() forever.
          for (const session of sessions) session.destroy();
        }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
