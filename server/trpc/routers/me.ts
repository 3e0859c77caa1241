import 'server-only';
import { z } from 'zod';
import { LOCALES } from '@/i18n/config';
import { localeCookie } from '@/server/auth/locale';
import { passwordChangeSchema } from '@/core/schemas/org';
import { changeOwnPassword, setOwnLocale } from '@/server/services/users';
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
  /** The language of the pages (a cookie, also before sign-in) and, when signed in, of the profile. */
  setLocale: openProcedureFor('me.setLocale')
    .input(z.object({ locale: z.enum(LOCALES) }))
    .mutation(({ ctx, input }) => {
      ctx.resHeaders?.append('set-cookie', localeCookie(input.locale));
      if (ctx.user) setOwnLocale(ctx.db, ctx.user, input.locale);
      return { locale: input.locale };
    }),
  /** Replaces one's own password; required before anything else after an administrator set it. */
  changePassword: procedureFor('me.changePassword')
    .input(passwordChangeSchema)
    .mutation(({ ctx, input }) => changeOwnPassword(ctx.db, ctx.user, input)),
});
