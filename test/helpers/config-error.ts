// The one line a user sees when anthology.yaml's text is wrong (`anthology.yaml:4: unknown key …`), for tests of config errors.
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/errors.ts';

/** Parses `source` as `anthology.yaml` and returns its ConfigError, described; fails the test when it parses. */
export function describeConfigError(source: string): string {
  try {
    parseConfig(source, 'anthology.yaml');
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.describe();
  }
  assert.fail('expected a ConfigError');
}
