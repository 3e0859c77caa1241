// The audit log: append-only (triggers in the migrations reject UPDATE and DELETE).
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { now } from './columns';
import type { JsonValue } from '../../core/schemas/json';

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull().default(now),
    // Not a foreign key: the record must outlive anything it mentions.
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: text('before', { mode: 'json' }).$type<JsonValue>(),
    after: text('after', { mode: 'json' }).$type<JsonValue>(),
    reason: text('reason'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_at_idx').on(t.at),
    // The audit page's filters. The page is keyed on the id, and an index on one column holds its
    // rows in id order, so each filter reads just the page's range of its own index.
    index('audit_log_action_idx').on(t.action),
    index('audit_log_actor_idx').on(t.actorId),
    index('audit_log_entity_only_idx').on(t.entity),
    // The two lists together: a rare action of a common entity is not found by reading the entity.
    index('audit_log_entity_action_idx').on(t.entity, t.action),
    index('audit_log_entity_id_idx').on(t.entityId),
  ],
);
