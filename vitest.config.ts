import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "bot/**/*.test.ts", "domain/**/*.test.ts", "adapters/**/*.test.ts"],
    // An odd time zone (UTC+13:45 / +12:45, DST in the other hemisphere): code that
    // forgets Europe/Helsinki fails here instead of passing by luck.
    env: { TZ: "Pacific/Chatham" },
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
