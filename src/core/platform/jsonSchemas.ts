import { toJSONSchema } from 'zod/mini';
import { contractSchemas } from './contract';

// Build/test-time only: generates docs/schemas/*.schema.json from the contract so the
// document cannot drift from the code. Nothing in the extension bundle imports it.

/** `{ "<Name>.schema.json": JSON Schema (draft 2020-12) }` for every contract schema. */
export function platformJsonSchemas(): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [name, schema] of Object.entries(contractSchemas)) {
    // 'input': what a server must send (optional fields stay optional).
    out[`${name}.schema.json`] = toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object;
  }
  return out;
}
