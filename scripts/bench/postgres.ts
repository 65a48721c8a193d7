// Throw-away databases on the PostgreSQL server for the benchmark, one per measurement,
// created and dropped through the server's admin URL (like tests/helpers/test-store.ts).
import { randomBytes } from "node:crypto";
import pg from "pg";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** The benchmark talks to this machine only: refuse a server elsewhere. */
export function checkLoopback(serverUrl: string): void {
  const url = new URL(serverUrl);
  if (!/^postgres(ql)?:$/.test(url.protocol) || !LOOPBACK.has(url.hostname)) {
    throw new Error(`--database-url must be a postgresql:// URL on 127.0.0.1, not ${url.protocol}//${url.host}`);
  }
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Whether the server answers at all, so `--store both` can skip it with a note. */
export async function serverAnswers(serverUrl: string): Promise<boolean> {
  try {
    await admin(serverUrl, "SELECT 1");
    return true;
  } catch {
    return false;
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createDatabase(serverUrl: string): Promise<BenchDatabase> {
  // [a-z0-9_] only, so interpolating the name into SQL is safe
  const name = `bench_${randomBytes(6).toString("hex")}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    name,
    url: url.toString(),
    drop() {
      // FORCE: a pool the app did not close must not keep the database alive
      dropped ??= admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return dropped;
    },
  };
}
