// The layer rules catch a wrong import: each case lints one line of code as if it stood in a file
// of that folder, with the project's own rules (eslint.layers.mjs).
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import projectConfig from '@/eslint.config.mjs';
import { layerConfigs } from '@/eslint.layers.mjs';

const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
      plugins: { '@typescript-eslint': tseslint.plugin },
    },
    ...layerConfigs,
  ],
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const RESTRICTED = '@typescript-eslint/no-restricted-imports';

describe('layer boundaries', () => {
  it.each([
    ['components/x/widget.tsx', "import { listStakeholders } from '@/server/services/stakeholders';"],
    ['components/x/widget.tsx', "import { stakeholders } from '@/db/schema';"],
    ['components/x/widget.tsx', "import { caller } from '@/lib/trpc/server';"],
    ['app/(app)/x/page.tsx', "import { getDb } from '@/server/db';"],
    ['app/(app)/x/page.tsx', "import { seedDemo } from '@/seed';"],
    ['app/api/x/route.ts', "import { exportScorecard } from '@/server/services/scorecard-export';"],
    ['core/scoring/x.ts', "import { getDb } from '@/server/db';"],
    ['core/scoring/x.ts', "import fs from 'node:fs';"],
    ['core/scoring/x.ts', "import { useState } from 'react';"],
    ['db/schema/x.ts', "import { env } from '@/server/env';"],
    ['server/services/x.ts', "import { listPeriods } from '@/server/services/periods';"],
    ['server/queries/x.ts', "import { getScorecard } from '@/server/services/scorecards';"],
    ['server/trpc/routers/x.ts', "import { eq } from 'drizzle-orm';"],
    ['cli/x.ts', "import { getDb } from '@/server/db';"],
    ['seed/x.ts', "import { Button } from '@/components/ui/button';"],
  ])('%s: %s is reported', async (file, code) => {
    expect(await problems(file, code)).toEqual([RESTRICTED]);
  });

  it.each([
    ['components/x/widget.tsx', "import type { AppRouter } from '@/server/trpc/root';"],
    ['components/x/widget.tsx', "import { pickName } from '@/core/i18n/label';"],
    ['app/(app)/x/page.tsx', "import { getContext } from '@/lib/trpc/server';"],
    ['app/api/x/route.ts', "import { defineRoute } from '@/server/http';"],
    ['server/services/x.ts', "import { listPeriods } from '@/server/queries/periods';"],
    ['db/schema/x.ts', "import { ROLES } from '../../core/domain/enums';"],
    ['seed/x.ts', "import { computeScoreRun } from '@/server/services/score-runs';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });

  // Import cycles are forbidden by import-cycles.test.ts (the whole graph in one pass).
  it('the project config applies the layer rules', () => {
    const names = projectConfig.map((c) => c.name).filter(Boolean);
    for (const layer of layerConfigs) expect(names).toContain(layer.name);
  });
});
