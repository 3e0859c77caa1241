// Inputs of the region tree's administration: the browsing URL, renaming, retiring and deleting.
import * as z from 'zod';
import { vmsg } from '@/core/domain/messages';
import { idFilter, listParamsSchema, textFilter } from './list-params';

/** One unit's children (the province's top without `parentId`), or a search below it. */
export const regionTreeSchema = listParamsSchema(['code'], { parentId: idFilter, search: textFilter });
export type RegionTreeParams = z.output<typeof regionTreeSchema>;

const name = (max: number) =>
  z
    .string()
    .trim()
    .min(1, vmsg('validation.required'))
    .max(max, vmsg('validation.tooLong', { max }));

export const regionRenameSchema = z.object({
  id: z.coerce.number().int().positive(),
  nameZh: name(60),
  nameEn: name(120),
});
export type RegionRenameInput = z.infer<typeof regionRenameSchema>;

export const regionRetireSchema = z.object({ id: z.coerce.number().int().positive(), retired: z.boolean() });
export const regionIdSchema = z.object({ id: z.coerce.number().int().positive() });
