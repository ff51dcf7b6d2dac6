// The layout every adapter follows (docs/adapters/writing-an-adapter.md):
// required files and exports, one naming scheme for tests, mocks and test
// set-ups, a row in core's provider table and a docs page. Runs in check:docs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const adapters = readdirSync(join(root, 'packages'))
  .filter((dir) => dir.startsWith('adapter-'))
  .map((dir) => dir.slice('adapter-'.length));
// The offline engine talks to no vendor: no vendor settings, wire schemas or msw mock.
const OFFLINE = new Set(['local']);
const read = (...parts) => readFileSync(join(root, ...parts), 'utf8');
const pascal = (id) => id.charAt(0).toUpperCase() + id.slice(1);
const providerTable = read('packages/core/src/registry/provider-table.ts');

describe.each(adapters)('adapter-%s', (id) => {
  const src = join(root, 'packages', `adapter-${id}`, 'src');
  const topLevel = readdirSync(src).filter((name) => name.endsWith('.ts'));

  it('has the files every adapter has', () => {
    const required = [
      'index.ts',
      `${id}-provider.ts`,
      `${id}-provider-factory.ts`,
      `${id}-errors.ts`,
      `${id}-provider.conformance.test.ts`,
      'testing/index.ts',
      ...(OFFLINE.has(id) ? [] : [`${id}-settings.ts`, `${id}-schemas.ts`, `testing/${id}-vendor-mock.ts`]),
    ];
    for (const file of required) expect(existsSync(join(src, file)), `src/${file}`).toBe(true);
    expect(existsSync(join(root, 'docs', 'adapters', `${id}.md`)), `docs/adapters/${id}.md`).toBe(true);
  });

  it('exports its factory, its constructor and its vendor mock under the common names', () => {
    expect(read('packages', `adapter-${id}`, 'src', 'index.ts')).toMatch(new RegExp(`\\b${id}ProviderFactory\\b`));
    expect(read('packages', `adapter-${id}`, 'src', 'index.ts')).toMatch(
      new RegExp(`\\bcreate${pascal(id)}Provider\\b`),
    );
    expect(read('packages', `adapter-${id}`, 'src', 'testing', 'index.ts')).toMatch(
      new RegExp(`\\bcreate${pascal(id)}VendorMock\\b`),
    );
  });

  it('has a row in the provider table', () => {
    expect(providerTable).toMatch(new RegExp(`adapter\\('${id}', '${id}ProviderFactory'`));
  });

  it('names its files <id>-*, tests <id>-<subject>[.<kind>].test.ts, its test set-up <id>-test-setup.ts', () => {
    for (const name of topLevel) expect(name === 'index.ts' || name.startsWith(`${id}-`), name).toBe(true);
    for (const name of topLevel.filter((n) => n.endsWith('.test.ts'))) {
      expect(name, name).toMatch(new RegExp(`^${id}-[a-z0-9-]+(\\.(conformance|live|models|process))?\\.test\\.ts$`));
    }
    const helpers = topLevel.filter((name) => /test-|harness|rig/.test(name) && !name.endsWith('.test.ts'));
    for (const name of helpers) expect(name).toBe(`${id}-test-setup.ts`);
  });

  it('uses the shared test kit: no own msw server or FacegateError check in its test set-up', () => {
    const setup = join(src, `${id}-test-setup.ts`);
    if (!existsSync(setup)) return;
    const text = readFileSync(setup, 'utf8');
    expect(text).not.toMatch(/setupServer\(/);
    expect(text).not.toMatch(/FacegateError\.isInstance/);
  });
});
