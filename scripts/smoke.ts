import { openStore } from "../prisma/store.ts";

const t0 = performance.now();
const store = await openStore({ dataDir: "/tmp/smoke-data" });
console.log("open", Math.round(performance.now() - t0), store.migrations);
await store.prisma.library.upsert({
  where: { id: "porvoo" },
  create: {
    id: "porvoo",
    municipality: "Porvoo",
    municipalitySv: "Borgå",
    nameFi: "Porvoon kaupunginkirjasto",
    nameSv: "Borgå stadsbibliotek",
  },
  update: {},
});
const t1 = performance.now();
await Promise.all(
  Array.from({ length: 100 }, (_, i) =>
    store.prisma.user.upsert({
      where: { platform_platformUserId: { platform: "SLACK", platformUserId: `U${i}` } },
      create: { platform: "SLACK", platformUserId: `U${i}` },
      update: {},
    }),
  ),
);
console.log("100 concurrent upserts", Math.round(performance.now() - t1), await store.prisma.user.count());
await store.ping();
await store.close();
const pgs = await openStore({ dataDir: "", databaseUrl: "postgresql://postgres@127.0.0.1:5432/test" });
console.log("pg", pgs.migrations, await pgs.prisma.library.count());
await pgs.close();
