/**
 * How the admin CLI talks to the operator: lines out, errors out, and passwords in —
 * never from the command line, where `ps` and shell history would keep them.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

export interface AdminIo {
  out(line: string): void;
  err(line: string): void;
  /** Asks for a password (twice on a terminal) or reads the first line of stdin. */
  readPassword(prompt: string): Promise<string>;
}

export function processIo(): AdminIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    readPassword: (prompt) =>
      process.stdin.isTTY ? promptTwice(prompt) : readFirstLine(process.stdin),
  };
}

export async function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/, 1)[0] ?? '';
}

async function promptTwice(prompt: string): Promise<string> {
  const first = await promptHidden(`${prompt}: `);
  const second = await promptHidden('Type it again: ');
  if (first !== second) throw new UsageError('the two passwords differ; run the command again');
  return first;
}

function promptHidden(question: string): Promise<string> {
  let isMuted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!isMuted) process.stdout.write(chunk);
      done();
    },
  });
  const reader = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    reader.question(question, (answer) => {
      reader.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    isMuted = true;
  });
}

/** A mistake in how the command was typed: exit code 2, with what to type instead. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command was right but could not be done (no such user, district taken): exit 1. */
export class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedError';
  }
}
