import 'server-only';
import { z } from 'zod';
import { setOwnLocale } from '@/server/services/users';
import { procedureFor, router } from '../init';

export const meRouter = router({
  get: procedureFor('me.read')
    .input(z.object({}).optional())
    .query(({ ctx }) => ({
      id: ctx.user.id,
      username: ctx.user.username,
      name: ctx.user.name,
      role: ctx.user.role,
      locale: ctx.user.locale,
      stakeholderId: ctx.user.stakeholderId,
      regionIds: ctx.user.regionIds,
    })),
  setLocale: procedureFor('me.setLocale')
    .input(z.object({ locale: z.enum(['en', 'zh-CN']) }))
    .mutation(({ ctx, input }) => setOwnLocale(ctx.db, ctx.user, input.locale)),
});
