import { fileURLToPath } from 'node:url';
import { defineProject, mergeConfig, type UserWorkspaceConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Tests run against the sources of sibling packages, not their build output. */
export const workspaceAliases = [
  { find: /^@facegate\/core\/([a-z-]+)$/, replacement: src('./packages/core/src/$1/index.ts') },
  { find: /^@facegate\/core$/, replacement: src('./packages/core/src/index.ts') },
  { find: /^@facegate\/(adapter-[a-z]+)$/, replacement: src('./packages/$1/src/index.ts') },
];

/** The vitest project config every package uses: its name, its tests beside its sources. */
export function facegateProject(name: string, extra: UserWorkspaceConfig = {}) {
  return defineProject(
    mergeConfig(
      {
        resolve: { alias: workspaceAliases },
        test: { name, include: ['src/**/*.test.ts'], testTimeout: 20_000, hookTimeout: 60_000 },
      },
      extra,
    ),
  );
}
