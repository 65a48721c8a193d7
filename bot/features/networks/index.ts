// The networks feature (issue 3). Placeholder until it is built.
import type { Feature } from "../types.ts";

export const networksFeature: Feature = { name: "networks" };
