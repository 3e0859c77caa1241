// The database layer: schema, migrations and the client. It imports nothing from the server.
export * from './client';
export * as schema from './schema';
