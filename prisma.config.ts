// Prisma 6.19 with the JavaScript engine: Prisma 7 and the Rust engines cannot be
// downloaded here. The CLI is used only to generate the client and to diff the schema
// into SQL migrations; migrations are applied by prisma/migrate.ts on both stores.
import { defineConfig } from "prisma/config";

// The schema's datasource needs a URL to parse even for `generate`, which never connects.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/postgres";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
