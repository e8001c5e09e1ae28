import type { AnyJobDefinition } from "./runner";

/** Every kind of job the product runs; a worker claims only kinds it knows. */
export const JOB_DEFINITIONS: readonly AnyJobDefinition[] = [];
