// The people feature (issue 3). Placeholder until it is built.
import type { Feature } from "../types.ts";

export const peopleFeature: Feature = { name: "people" };
