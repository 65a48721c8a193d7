// A fresh, migrated, empty store for one test file: open it in beforeAll, `drop()` it in afterAll.
//   - default: an embedded PGlite in a new temporary directory (about 4 s to create);
//   - TEST_DATABASE_URL=postgresql://user@host:5432/postgres: a new database `ake_test_<random>`
//     on that server, created through the given URL and dropped again by `drop()`.
// Tests in one file share the store, so give rows ids that do not collide, or check counts
// relative to what the file itself created.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openStore, type Store } from "../../prisma/store.ts";

export type TestStore = Store & {
  /** closes the store and deletes its directory or database; safe after `close()` */
  drop(): Promise<void>;
};

/** `poolSize` applies to PostgreSQL (the embedded store always has one connection). */
export async function openTestStore(options: { poolSize?: number } = {}): Promise<TestStore> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = await mkdtemp(path.join(tmpdir(), "ake-test-"));
    return withDrop(await openStore({ dataDir }), () => rm(dataDir, { recursive: true, force: true }));
  }
  // A random name of [a-z0-9_] only, so interpolating it into SQL is safe.
  const name = `ake_test_${randomBytes(6).toString("hex")}`;
  const dropDatabase = () => admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return withDrop(
      await openStore({ dataDir: "", databaseUrl: url.toString(), poolSize: options.poolSize ?? 4 }),
      dropDatabase,
    );
  } catch (error) {
    await dropDatabase();
    throw error;
  }
}

function withDrop(store: Store, remove: () => Promise<unknown>): TestStore {
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= store.close();
    return closing;
  };
  return {
    ...store,
    close,
    async drop() {
      await close();
      await remove();
    },
  };
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
