// Every integration test file runs against its own freshly migrated in-memory database.
process.env.DATABASE_PATH ??= ':memory:';
process.env.BETTER_AUTH_SECRET ??= 'integration-tests-secret-0123456789abcdef';
