/**
 * Bytes on the wire, counted at the server's sockets (HTTP headers and bodies, as sent:
 * compressed where the side compresses), so both sync systems are measured the same way.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface WireBytes {
  /** Client to server. */
  up: number;
  /** Server to client. */
  down: number;
}

export function meterServer(server: Server): () => WireBytes {
  const open = new Set<Socket>();
  const closed: WireBytes = { up: 0, down: 0 };
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => {
      closed.up += socket.bytesRead;
      closed.down += socket.bytesWritten;
      open.delete(socket);
    });
  });
  return () => {
    const total = { ...closed };
    for (const socket of open) {
      total.up += socket.bytesRead;
      total.down += socket.bytesWritten;
    }
    return total;
  };
}

export function bytesSince(read: () => WireBytes, before: WireBytes): WireBytes {
  const now = read();
  return { up: now.up - before.up, down: now.down - before.down };
}
