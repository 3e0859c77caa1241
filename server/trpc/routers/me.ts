import 'server-only';
import { z } from 'zod';
import { passwordChangeSchema } from '@/core/schemas/org';
import { changeOwnPassword } from '@/server/services/users';
import { openProcedureFor, procedureFor, router } from '../init';

export const meRouter = router({
  /** The signed-in user, or null without a session (pages redirect to sign-in on null). */
  get: openProcedureFor('me.read')
    .input(z.object({}).optional())
    .query(({ ctx }) =>
      ctx.user
        ? {
            id: ctx.user.id,
            username: ctx.user.username,
            name: ctx.user.name,
            role: ctx.user.role,
            locale: ctx.user.locale,
            stakeholderId: ctx.user.stakeholderId,
            regionIds: ctx.user.regionIds,
            mustChangePassword: ctx.user.mustChangePassword,
          }
        : null,
    ),
  /** Replaces one's own password; required before anything else after an administrator set it. */
  changePassword: procedureFor('me.changePassword')
    .input(passwordChangeSchema)
    .mutation(({ ctx, input }) => changeOwnPassword(ctx.db, ctx.user, input)),
});
