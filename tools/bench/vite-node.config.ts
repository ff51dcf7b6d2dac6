// vite-node runs the bench and eval CLIs straight from the workspace sources
// (the same aliases as the tests), so no package needs building first.
import { workspaceAliases } from '../../vitest.shared';

export default {
  resolve: { alias: workspaceAliases },
  logLevel: 'error',
  server: { hmr: false, watch: null },
};
