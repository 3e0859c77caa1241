// `npm run bench`: runs each benchmark in turn. Add a benchmark by adding its function to the list.
import { runScoringBench } from './scoring';

const benches: { name: string; run: () => Promise<void> }[] = [{ name: 'scoring', run: runScoringBench }];

for (const bench of benches) {
  await bench.run();
}
