import 'server-only';
import { z } from 'zod';
import { passwordSchema, userCreateSchema, userUpdateSchema } from '@/core/schemas/org';
import { userListSchema } from '@/core/schemas/lists';
import * as svc from '@/server/services/users';
import { procedureFor, router } from '../init';

const id = z.object({ id: z.string().min(1) });

export const usersRouter = router({
  list: procedureFor('users.list')
    .input(userListSchema.prefault({}))
    .query(({ ctx, input }) => svc.listUsers(ctx.db, input)),
  create: procedureFor('users.create')
    .input(userCreateSchema)
    .mutation(({ ctx, input }) => svc.createUser(ctx.db, ctx.user, input)),
  update: procedureFor('users.update')
    .input(userUpdateSchema)
    .mutation(({ ctx, input }) => svc.updateUser(ctx.db, ctx.user, input)),
  resetPassword: procedureFor('users.resetPassword')
    .input(id.extend({ password: passwordSchema }))
    .mutation(({ ctx, input }) => svc.resetPassword(ctx.db, ctx.user, input.id, input.password)),
  setDisabled: procedureFor('users.setDisabled')
    .input(id.extend({ disabled: z.boolean() }))
    .mutation(({ ctx, input }) => svc.setUserDisabled(ctx.db, ctx.user, input.id, input.disabled)),
});
