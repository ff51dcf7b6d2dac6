import { facegateProject } from '../../vitest.shared';

// The browser tests live in one file (one built page, Chromium launched per case), so they run one after another.
export default facegateProject('signup-web', { test: { testTimeout: 90_000, hookTimeout: 180_000 } });
