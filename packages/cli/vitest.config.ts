import { facegateProject } from '../../vitest.shared';

export default facegateProject('cli', { test: { globalSetup: ['./test-support/build-cli.ts'] } });
