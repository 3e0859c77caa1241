// Notifications: one's own only (the service filters by the caller), for every signed-in role.
import 'server-only';
import { z } from 'zod';
import * as svc from '@/server/services/notifications';
import { procedureFor, router } from '../init';

const id = z.object({ id: z.number().int().positive() });

export const notificationsRouter = router({
  unreadCount: procedureFor('notifications.read').query(({ ctx }) => svc.unreadNotificationCount(ctx.db, ctx.user)),
  list: procedureFor('notifications.read')
    .input(z.object({ page: z.coerce.number().int().min(1).max(1_000_000).default(1) }).optional())
    .query(({ ctx, input }) => svc.listMyNotifications(ctx.db, ctx.user, { page: input?.page ?? 1 })),
  markRead: procedureFor('notifications.markRead')
    .input(id)
    .mutation(({ ctx, input }) => svc.markNotificationRead(ctx.db, ctx.user, input.id)),
  markAllRead: procedureFor('notifications.markRead').mutation(({ ctx }) => svc.markAllNotificationsRead(ctx.db, ctx.user)),
});
