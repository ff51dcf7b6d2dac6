import { fileURLToPath } from 'node:url';
import { workspaceAliases } from '../../../vitest.shared';

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** The tests' workspace aliases plus the adapters' `/testing` entries (the stub server reuses their wire builders). */
export const benchAliases = [
  { find: /^@facegate\/(adapter-[a-z]+)\/testing$/, replacement: root('packages/$1/src/testing/index.ts') },
  ...workspaceAliases,
];
