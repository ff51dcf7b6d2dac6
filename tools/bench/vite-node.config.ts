// vite-node runs the bench and eval CLIs straight from the workspace sources
// (the same aliases as the tests), so no package needs building first.
import { benchAliases } from './src/workspace-aliases';

export default {
  resolve: { alias: benchAliases },
  logLevel: 'error',
  server: { hmr: false, watch: null },
};
