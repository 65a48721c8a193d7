// Opens the bot's store: an embedded PGlite under DATA_DIR (no server needed) or the
// PostgreSQL server named by DATABASE_URL. Both are reached through the same
// @prisma/adapter-pg, so one schema, one migration history and one code path serve both.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";
import { type AppliedMigrations, applyMigrations } from "./migrate.ts";

export type StoreKind = "embedded" | "postgresql";

export interface Store {
  readonly kind: StoreKind;
  readonly prisma: PrismaClient;
  /** the connection string the client uses (the embedded server's loopback address) */
  readonly url: string;
  readonly migrations: AppliedMigrations;
  /** resolves when the store answers a trivial query within `timeoutMs` */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** pool size for PostgreSQL; the embedded store always uses one connection (see below) */
  poolSize?: number;
}

/** PostgreSQL: how long a query may wait for a connection before the user is told the service is down. */
const CONNECT_TIMEOUT_MS = 3_000;
/**
 * The embedded store cannot be "down" (it runs in this process), and with its single
 * connection a burst of requests queues for it: wait rather than fail.
 */
const EMBEDDED_WAIT_MS = 60_000;

export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.databaseUrl) {
    return connect("postgresql", options.databaseUrl, options.poolSize ?? 10, CONNECT_TIMEOUT_MS, async () => {});
  }
  const dir = path.resolve(options.dataDir, "pglite");
  mkdirSync(dir, { recursive: true });
  // btree_gist: the kit bookings' no-overlap constraint (see the approvals_kits migration)
  const db = await PGlite.create(dir, { extensions: { btree_gist } });
  // A few connections may be open at once (the migration client, tests' own pools);
  // with the default of 1 a second client is dropped (ConnectionClosed).
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 8 });
  await server.start();
  const url = `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
  // ONE pooled connection: PGlite has a single session, and pglite-socket 0.2.17 queues
  // each protocol message (Parse, Bind, Execute...) on its own, so concurrent
  // connections can interleave inside each other's queries (seen under load: "bind
  // message supplies 8 parameters, but prepared statement requires 1", or empty
  // results). PGlite runs one query at a time anyway; one connection costs nothing.
  return connect("embedded", url, 1, EMBEDDED_WAIT_MS, async () => {
    await server.stop();
    await db.close();
  });
}

async function connect(
  kind: StoreKind,
  url: string,
  poolSize: number,
  connectTimeoutMs: number,
  closeServer: () => Promise<void>,
): Promise<Store> {
  const migrations = await applyMigrations(url);
  const adapter = new PrismaPg({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: connectTimeoutMs,
    idleTimeoutMillis: 30_000,
  });
  // maxWait: how long an interactive transaction waits for a connection (Prisma's
  // default of 2 s is short for a burst of registrations queuing for one seat's lock).
  const prisma = new PrismaClient({ adapter, transactionOptions: { maxWait: connectTimeoutMs, timeout: 15_000 } });
  return {
    kind,
    prisma,
    url,
    migrations,
    async ping(timeoutMs = 1_500) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`store did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([prisma.$queryRaw`SELECT 1`, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await prisma.$disconnect();
      await closeServer();
    },
  };
}
