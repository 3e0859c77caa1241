// `npm run bench`: runs each benchmark in turn. Add a benchmark by adding its function to the list.
import { runScoringBench } from './scoring';
import { runTuningBench } from './tuning';
import { runScorecardBench } from './scorecard';
import { runImportBench } from './import';
import { runEligibilityBench } from './eligibility';

const benches: { name: string; run: () => Promise<void> }[] = [{ name: 'scoring', run: runScoringBench }, { name: 'tuning', run: runTuningBench }, { name: 'scorecard', run: runScorecardBench }, { name: 'import', run: runImportBench }, { name: 'eligibility', run: runEligibilityBench }];

for (const bench of benches) {
  await bench.run();
}
