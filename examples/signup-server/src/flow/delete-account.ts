import { FacegateError, type Logger } from '@facegate/core';
import type { Database } from '../db/database';
import type { UserRepository } from '../db/user-repository';
import type { FlowProviders } from '../providers/flow-providers';

/** What {@link deleteAccount} needs. */
export interface DeleteAccountDeps {
  db: Database;
  users: UserRepository;
  providers: FlowProviders;
  logger: Logger;
}

/**
 * Delete a registered account and its face. With the offline engine the
 * template is a row of the same database: it is removed in the account's
 * transaction, so either both go or neither does. A vendor's collection is
 * not part of the transaction: its face is removed after the commit, and a
 * failure there is logged (the account is gone; re-run to retry the vendor).
 * Resolves to false when there was no such account.
 */
export async function deleteAccount(deps: DeleteAccountDeps, userId: string): Promise<boolean> {
  const { db, users, providers, logger } = deps;
  let vendorFace: { collection: string; faceId: string } | undefined;
  const deleted = await db.transaction(async () => {
    const user = await users.remove(userId);
    if (!user) return false;
    const face = { collection: user.faceCollection, faceIds: [user.faceId] };
    if (user.faceProvider === 'local') await providers.search.removeFaces(face);
    else vendorFace = { collection: user.faceCollection, faceId: user.faceId };
    return true;
  });
  if (vendorFace) {
    const { collection, faceId } = vendorFace;
    await providers.search
      .removeFaces({ collection, faceIds: [faceId] })
      .catch((e: unknown) =>
        logger.error(
          { code: FacegateError.isInstance(e) ? e.code : 'unknown' },
          'account deleted, but its face could not be removed from the vendor collection',
        ),
      );
  }
  return deleted;
}
