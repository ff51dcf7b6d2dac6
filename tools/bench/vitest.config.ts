import { facegateProject } from '../../vitest.shared';
import { benchAliases } from './src/workspace-aliases';

export default facegateProject('bench', { resolve: { alias: benchAliases } });
