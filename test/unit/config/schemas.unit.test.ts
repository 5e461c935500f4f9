import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateSchemas, SCHEMAS_DIR } from '../../../scripts/gen-schemas';

describe('docs/schemas', () => {
  it('matches the JSON Schemas generated from the zod schemas', () => {
    const fresh = generateSchemas();
    const drifted: string[] = [];
    for (const [file, text] of Object.entries(fresh)) {
      const p = path.join(SCHEMAS_DIR, file);
      const onDisk = fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined;
      if (onDisk !== text) drifted.push(onDisk === undefined ? `${file} (missing)` : file);
    }
    assert.deepEqual(drifted, [], `docs/schemas is out of date: ${drifted.join(', ')}. Run \`npm run gen:schemas\` and commit the result.`);
  });

  it('generates a schema for every repo file format', () => {
    const fresh = generateSchemas();
    const pulse = JSON.parse(fresh['pulse-config.schema.json']!) as { properties: Record<string, unknown> };
    assert.deepEqual(Object.keys(pulse.properties).sort(), ['docs', 'features', 'goldenPath', 'metrics', 'platform', 'privacy', 'signals', 'surveys', 'version']);
    const onboarding = JSON.parse(fresh['onboarding.schema.json']!) as { required: string[] };
    assert.deepEqual(onboarding.required, ['steps']);
  });
});
