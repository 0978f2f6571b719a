// The JSON Schema files editors use (schema/*.schema.json): up to date with src/schema/, and agreeing with ficbind on real files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse, stringify } from 'yaml';
import { jsonSchemaText, schemaFileNames, schemaFolder } from '../../src/schema/json-schema.ts';
import { typographyRules } from '../../src/transforms/index.ts';
import { bundledThemesFolder, parseThemeManifest } from '../../src/themes/index.ts';
import { parseConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/errors.ts';
import { nearestName } from '../../src/did-you-mean.ts';

const repo = new URL('../..', import.meta.url).pathname;
const schemaFile = (name: string) => JSON.parse(readFileSync(join(repo, schemaFolder, name), 'utf8')) as Record<string, any>;

test('the committed schema files are the ones src/schema/ makes (run `npm run schema` after changing it)', () => {
  for (const name of schemaFileNames) {
    const committed = readFileSync(join(repo, schemaFolder, name), 'utf8');
    assert.ok(committed === jsonSchemaText(name), `${schemaFolder}/${name} is stale: run npm run schema and commit it`);
  }
});

test('every key and every typography rule has a description an editor shows on hover', () => {
  const anthology = schemaFile('anthology.schema.json');
  for (const [key, property] of Object.entries<Record<string, unknown>>(anthology.properties)) assert.ok(property.description, `anthology key ${key}`);
  assert.deepEqual(Object.keys(anthology.properties.typography.properties), typographyRules.map((rule) => rule.id));
  for (const [id, property] of Object.entries<Record<string, unknown>>(anthology.properties.typography.properties)) assert.ok(property.description, `rule ${id}`);
  for (const [key, property] of Object.entries<Record<string, unknown>>(schemaFile('theme.schema.json').properties)) assert.ok(property.description, `theme key ${key}`);
});

test('an editor using the schema accepts what ficbind accepts and flags a misspelt rule', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const anthology = ajv.compile(schemaFile('anthology.schema.json'));
  const theme = ajv.compile(schemaFile('theme.schema.json'));
  assert.ok(anthology(parse(readFileSync(join(repo, 'seeds', 'anthology.yaml'), 'utf8'))), JSON.stringify(anthology.errors));
  const full = parse(
    'title: 1984\neditors: [A, B]\nlanguage: fr\nformats: epub\ntypography: { quotes: { style: de-CH }, author-notes: { placement: end }, ellipses: false }\ncover: { template: photograph, colors: { accent: "#e0a040" } }\n',
  );
  assert.ok(anthology(full), JSON.stringify(anthology.errors));
  assert.ok(anthology({ cover: false }));
  assert.equal(anthology({ typography: { quotez: false } }), false);
  assert.equal(anthology({ 'dash-style': 'em' }), false);
  for (const name of readdirSync(bundledThemesFolder)) {
    const manifest = JSON.parse(readFileSync(join(bundledThemesFolder, name, 'theme.json'), 'utf8'));
    assert.ok(theme(manifest), `${name}: ${JSON.stringify(theme.errors)}`);
  }
  assert.equal(theme({ ...JSON.parse(readFileSync(join(bundledThemesFolder, 'classic', 'theme.json'), 'utf8')), colours: {} }), false);
});

test('the nearest name: one slip in three letters, case and underscores forgiven, nothing far-fetched', () => {
  const rules = typographyRules.map((rule) => rule.id);
  assert.equal(nearestName('quotez', rules), 'quotes');
  assert.equal(nearestName('elipses', rules), 'ellipses');
  assert.equal(nearestName('author_notes', rules), 'author-notes');
  assert.equal(nearestName('Scene-Breaks', rules), 'scene-breaks');
  assert.equal(nearestName('stlye', ['style']), 'style');
  assert.equal(nearestName('pdf', ['epub']), undefined);
  assert.equal(nearestName('typesetting', rules), undefined);
});

test('every key given a value of the wrong kind says in words what was expected, never in zod’s', () => {
  const wrong = [{ x: 1 }, [[1]], true, 'zzz', 4.5, null];
  const anthologyKeys = Object.keys(schemaFile('anthology.schema.json').properties).filter((key) => key !== '$schema');
  for (const key of anthologyKeys) {
    for (const value of wrong) {
      try {
        parseConfig(stringify({ [key]: value }), 'anthology.yaml');
      } catch (error) {
        assert.ok(error instanceof ConfigError, String(error));
        assert.match(error.message, /^(unknown \w+ "[^"]+"|"[^"]+" must be (?!valid)[^]*, got )/, `${key}: ${JSON.stringify(value)} → ${error.message}`);
        assert.doesNotMatch(error.message, /Invalid|expected (string|number|object|array|boolean)/, `${key}: ${JSON.stringify(value)}`);
      }
    }
  }
  const classic = JSON.parse(readFileSync(join(bundledThemesFolder, 'classic', 'theme.json'), 'utf8'));
  for (const key of Object.keys(schemaFile('theme.schema.json').properties).filter((key) => key !== '$schema')) {
    for (const value of wrong) {
      try {
        parseThemeManifest(JSON.stringify({ ...classic, [key]: value }), join(bundledThemesFolder, 'classic', 'theme.json'));
      } catch (error) {
        assert.ok(error instanceof ConfigError, String(error));
        assert.match(error.message, /^(unknown theme key "[^"]+"|theme key "[^"]+" must be (?!valid)[^]*, got )/, `${key}: ${JSON.stringify(value)} → ${error.message}`);
        assert.doesNotMatch(error.message, /Invalid|expected (string|number|object|array|boolean)/, `${key}: ${JSON.stringify(value)}`);
      }
    }
  }
});
