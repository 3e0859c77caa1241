// Entry point of `npm run cli -- …`; everything else is in run.ts so tests can run it in-process.
import { runCli } from './run';
import { runEligibilityCli } from './eligibility';

// A reader that stops early (`… | head`) closes the pipe; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const cliIo = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
};
const argv = process.argv.slice(2);
// The eligibility command lives in its own module (cli/eligibility.ts).
process.exitCode = argv[0] === 'eligibility' ? await runEligibilityCli(argv.slice(1), cliIo) : await runCli(argv, cliIo);
