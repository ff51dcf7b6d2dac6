import { facegateProject } from '../../vitest.shared';

// Browser tests share one built page and one Chromium; they run one file at a time (2 shared cores).
export default facegateProject('signup-web', {
  test: { testTimeout: 90_000, hookTimeout: 180_000, fileParallelism: false },
});
