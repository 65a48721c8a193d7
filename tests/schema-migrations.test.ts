// The migrations make the database the schema describes: every model's table and every
// scalar field's column exist after migrating an empty store (embedded, or PostgreSQL
// with TEST_DATABASE_URL). A model added to prisma/schema.prisma without its migration
// fails here, not in production.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../prisma/generated/client.ts";
import { openTestStore, type TestStore } from "./helpers/test-store.ts";

let store: TestStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => {
  await store?.drop();
});

describe("migrations and schema", () => {
  it("every model has its table and every field its column", async () => {
    const rows = await store.prisma.$queryRaw<{ table_name: string; column_name: string }[]>`
      SELECT table_name::text AS table_name, column_name::text AS column_name
      FROM information_schema.columns WHERE table_schema = current_schema()`;
    const columns = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
    const missing: string[] = [];
    const models = Object.values(Prisma.ModelName);
    expect(models.length).toBeGreaterThan(20);
    for (const model of models) {
      const fields = (Prisma as unknown as Record<string, Record<string, string> | undefined>)[
        `${model}ScalarFieldEnum`
      ];
      expect(fields, model).toBeDefined();
      for (const field of Object.values(fields ?? {})) {
        if (!columns.has(`${model}.${field}`)) missing.push(`${model}.${field}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
