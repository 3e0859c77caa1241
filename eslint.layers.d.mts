// Types for the test that checks the layer rules (tests/unit/architecture).
import type { Linter } from 'eslint';

export declare const layerConfigs: (Linter.Config & { name: string })[];
