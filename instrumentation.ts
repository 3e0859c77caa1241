// Runs once when the server starts (Next.js instrumentation hook).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { holdDatabase, resumeAutomaticChecks, scheduleBackups } = await import('@/server/maintenance');
  holdDatabase();
  scheduleBackups();
  resumeAutomaticChecks();
}
