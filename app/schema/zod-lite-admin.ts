// zod-lite plus `z.record`, for the admin bundle: the build aliases "zod" to this file there
// (common/admin.schema.ts counts by key), so the sidebar's bundle never carries records.
import { RecordSchema, type Schema, z as base } from "./zod-lite";

export const z = { ...base, record: (key: Schema, value: Schema) => new RecordSchema(key, value) };
