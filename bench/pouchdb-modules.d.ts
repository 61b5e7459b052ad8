// The few PouchDB and express-pouchdb calls the sync comparison bench makes; the packages
// ship no types and are bench-only dev dependencies.
declare module 'pouchdb-core' {
  export interface PouchDocument {
    _id: string;
    _rev?: string;
    [field: string]: unknown;
  }
  export interface ReplicationResult {
    ok: boolean;
    docs_written: number;
    doc_write_failures: number;
  }
  export interface ReplicateOptions {
    batch_size?: number;
  }
  export interface PouchDatabase {
    bulkDocs(docs: PouchDocument[]): Promise<{ ok?: boolean; error?: string }[]>;
    allDocs(options: {
      keys: string[];
      include_docs: true;
    }): Promise<{ rows: { id: string; doc?: PouchDocument }[] }>;
    info(): Promise<{ doc_count: number }>;
    destroy(): Promise<unknown>;
    replicate: {
      to(target: PouchDatabase, options?: ReplicateOptions): Promise<ReplicationResult>;
      from(source: PouchDatabase, options?: ReplicateOptions): Promise<ReplicationResult>;
    };
  }
  export interface PouchStatic {
    new (name: string): PouchDatabase;
    plugin(plugin: unknown): PouchStatic;
    defaults(options: { adapter: string }): PouchStatic;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}

declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-mapreduce' {
  const plugin: unknown;
  export default plugin;
}

declare module 'express-pouchdb' {
  import type { Server } from 'node:http';
  import type { PouchStatic } from 'pouchdb-core';
  interface ExpressPouchApp {
    listen(port: number, host: string, listening: () => void): Server;
  }
  export default function expressPouchDB(
    PouchDB: PouchStatic,
    options: { mode: 'minimumForPouchDB' | 'fullCouchDB'; inMemoryConfig: boolean },
  ): ExpressPouchApp;
}
