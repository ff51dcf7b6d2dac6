import { facegateProject } from '../../vitest.shared';

export default facegateProject('signup-server', { test: { testTimeout: 60_000 } });
