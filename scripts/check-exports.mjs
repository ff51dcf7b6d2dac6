// Import every `exports` entry of every built package, as a consumer would
// (through node_modules, not source paths), and fail if any does not resolve
// or lacks its types file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let failures = 0;
for (const dir of readdirSync(join(root, 'packages'))) {
  const pkgDir = join(root, 'packages', dir);
  const manifestPath = join(pkgDir, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (subpath === './package.json') continue;
    const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    try {
      const types = typeof target === 'object' ? target.types : undefined;
      if (!types || !existsSync(join(pkgDir, types))) throw new Error(`types file ${types} missing`);
      const file = join(pkgDir, typeof target === 'object' ? target.default : target);
      if (!existsSync(file)) throw new Error(`${file} missing (run the build first)`);
      // Entries built on the test runner (the conformance kit) only load inside it.
      if (/from ["']vitest["']/.test(readFileSync(file, 'utf8'))) {
        console.log(`ok   ${specifier} (vitest entry: files present, not imported)`);
        continue;
      }
      const mod = await import(pathToFileURL(file).href);
      if (Object.keys(mod).length === 0) throw new Error('module has no exports');
      console.log(`ok   ${specifier} (${Object.keys(mod).length} exports)`);
    } catch (error) {
      failures += 1;
      console.error(`FAIL ${specifier}: ${error.message}`);
    }
  }
}
process.exit(failures === 0 ? 0 : 1);
