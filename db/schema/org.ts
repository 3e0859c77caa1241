// Regions (a GB/T 2260-style tree), stakeholder types and stakeholders.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { now } from './columns';
import { REGION_LEVELS, STAKEHOLDER_TYPES } from '../../core/domain/enums';

export const regions = sqliteTable(
  'regions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    level: text('level', { enum: REGION_LEVELS }).notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => regions.id),
    // Materialized path of ids, e.g. "/1/4/12/", so "this region and below" is one LIKE.
    path: text('path').notNull(),
    // A retired unit (merged or abolished) keeps its code and history but takes no new stakeholders.
    retiredAt: integer('retired_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    check(
      'regions_level_check',
      sql`${t.level} in ('province','prefecture','county','township','village')`,
    ),
    index('regions_parent_idx').on(t.parentId),
    index('regions_path_idx').on(t.path),
  ],
);

export const stakeholderTypes = sqliteTable(
  'stakeholder_types',
  {
    code: text('code', { enum: STAKEHOLDER_TYPES }).primaryKey(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
  },
  (t) => [check('stakeholder_types_code_check', sql`${t.code} in ('county_town','rural','market')`)],
);

export const stakeholders = sqliteTable(
  'stakeholders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    // The registered English name, when the registry gives one (the Chinese name is `name`).
    nameEn: text('name_en'),
    type: text('type', { enum: STAKEHOLDER_TYPES })
      .notNull()
      .references(() => stakeholderTypes.code),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id),
    // Unified social credit code (GB 32100-2015): 18 characters with a check digit.
    creditCode: text('credit_code').unique(),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [
    index('stakeholders_region_idx').on(t.regionId),
    index('stakeholders_type_idx').on(t.type),
    // The lists' other sort keys (code has its unique index).
    index('stakeholders_name_idx').on(t.name),
    index('stakeholders_updated_at_idx').on(t.updatedAt),
    check('stakeholders_credit_code_len', sql`${t.creditCode} is null or length(${t.creditCode}) = 18`),
  ],
);
