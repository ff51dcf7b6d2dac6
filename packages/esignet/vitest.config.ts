import { facegateProject } from '../../vitest.shared';

export default facegateProject('esignet');
