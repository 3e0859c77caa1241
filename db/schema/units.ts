// Units of measure: a small catalogue with both names, which indicators reference by code.
import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
import { now } from './columns';

export const units = sqliteTable('units', {
  // A stable identifier ('person', 'yuan_10k'); files and the KPI-set format carry it.
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  // Written against the number without a space (25%).
  attached: integer('attached', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
});
