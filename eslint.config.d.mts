// Types for the test that checks the project's lint config (tests/unit/architecture).
import type { Linter } from 'eslint';

declare const config: Linter.Config[];
export default config;
