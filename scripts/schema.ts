// Writes schema/*.schema.json from the declarations in src/schema/ (test/unit/schema.test.ts fails when they are stale). Run: npm run schema
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { writeFileAtomic } from '../src/atomic-write.ts';
import { jsonSchemaText, schemaFileNames, schemaFolder } from '../src/schema/json-schema.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
for (const name of schemaFileNames) {
  const path = join(repo, schemaFolder, name);
  await writeFileAtomic(path, jsonSchemaText(name));
  process.stdout.write(`wrote ${schemaFolder}/${name}\n`);
}
