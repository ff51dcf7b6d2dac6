#!/usr/bin/env node
// Docs check (CI: `pnpm check:docs`, part of `pnpm verify`):
//  1. every relative link in README.md, docs/**/*.md and the package and
//     example READMEs resolves — files, and `#anchors` against markdown headings;
//  2. every ```ts sample in those files type-checks against the workspace
//     sources (paths like tsconfig.base.json), except blocks marked
//     ```ts nocheck (deliberately partial; keep them few);
//  3. every path of docs/openapi.json has a section in docs/signup-api.md.
// Exits 1 with a list of problems, 0 when all is well.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLinks, extractTsSamples, fsAccess, listMarkdownFiles } from './docs-check-lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(root, '.artifacts/docs-check');
const problems = [];

// 1. Links.
const files = listMarkdownFiles(root);
for (const file of files) {
  const text = readFileSync(join(root, file), 'utf8');
  for (const p of checkLinks(root, file, text, fsAccess))
    problems.push(`${p.file}:${p.line}: link ${p.target}: ${p.problem}`);
}

// 2. TypeScript samples.
rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });
const samples = [];
let skipped = 0;
for (const file of files) {
  for (const sample of extractTsSamples(readFileSync(join(root, file), 'utf8'))) {
    if (sample.nocheck) {
      skipped += 1;
      continue;
    }
    const name = `${file.replace(/[^a-zA-Z0-9]+/g, '_')}_L${sample.line}.ts`;
    // Each sample is its own module; the prelude line keeps line numbers shifted by exactly one.
    writeFileSync(
      join(WORK, name),
      `/// <reference path="../../scripts/docs-samples.d.ts" />\n${sample.code}\nexport {};\n`,
    );
    samples.push({ name, file, line: sample.line });
  }
}
if (samples.length > 0) {
  // Third-party modules the samples import (msw, vendor SDKs) live in the workspace packages' node_modules.
  const packageModules = ['packages', 'examples'].flatMap((group) =>
    readdirSync(join(root, group))
      .filter((name) => existsSync(join(root, group, name, 'node_modules')))
      .map((name) => `${group}/${name}/node_modules/*`),
  );
  const tsconfig = {
    extends: '../../tsconfig.base.json',
    compilerOptions: {
      noEmit: true,
      declaration: false,
      sourceMap: false,
      types: ['node'],
      typeRoots: ['../../node_modules/@types'],
      paths: {
        '@facegate/core': ['packages/core/src/index.ts'],
        '@facegate/core/*': ['packages/core/src/*/index.ts'],
        '@facegate/*/testing': ['packages/*/src/testing/index.ts'],
        '@facegate/*': ['packages/*/src/index.ts'],
        '*': ['node_modules/*', ...packageModules],
      },
    },
    include: ['*.ts'],
  };
  writeFileSync(join(WORK, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const tsc = spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(WORK, 'tsconfig.json'), '--pretty', 'false'], {
    cwd: root,
    encoding: 'utf8',
  });
  const byName = new Map(samples.map((s) => [s.name, s]));
  const output = `${tsc.stdout}${tsc.stderr}`;
  for (const raw of output.split('\n')) {
    const m = /^(.*?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(raw);
    if (!m) continue;
    const sample = byName.get(relative(WORK, join(root, m[1])));
    if (sample) problems.push(`${sample.file}:${sample.line + Number(m[2]) - 2}: ts sample: ${m[4]} ${m[5]}`);
    else problems.push(`ts: ${raw}`);
  }
  if (tsc.status !== 0 && !problems.some((p) => p.includes('ts sample') || p.startsWith('ts: '))) {
    problems.push(`tsc failed (exit ${tsc.status}):\n${output.trim()}`);
  }
}

// 3. The API page covers every endpoint of the OpenAPI document.
const openapiFile = join(root, 'docs/openapi.json');
const apiPage = join(root, 'docs/signup-api.md');
if (existsSync(openapiFile) && existsSync(apiPage)) {
  const page = readFileSync(apiPage, 'utf8');
  const { paths } = JSON.parse(readFileSync(openapiFile, 'utf8'));
  for (const [path, operations] of Object.entries(paths)) {
    for (const method of Object.keys(operations)) {
      const heading = `### \`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}\``;
      if (!page.includes(heading))
        problems.push(`docs/signup-api.md: no section "${heading}" for an endpoint of docs/openapi.json`);
    }
  }
}

const summary = `${files.length} markdown files, ${samples.length} ts samples type-checked (${skipped} marked nocheck)`;
if (problems.length > 0) {
  console.error(`✗ docs check: ${problems.length} problem(s) (${summary})\n`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`✓ docs check: ${summary}`);
