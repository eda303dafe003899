import type { FastifyInstance } from 'fastify';
import { getAddress } from 'ethers';
import { uploadVerdictRoute } from '../../core/hubApi/verdicts';
import { groundworkDomain } from '../../core/sync/eip712';
import type { HubContext } from '../context';
import { forbidden, HubError } from '../http/hubError';
import { serveRoute } from '../http/serveRoute';
import { requireReviewerRights } from '../access/reviewerRights';
import { catchUpReputation } from '../reputation/catchUp';
import { storeVerdict } from './storeVerdict';
import { verifyVerdictBody } from './verifyVerdictBody';

/**
 * POST /verdicts: a reviewer's signed EIP-712 Verdict with the final labels
 * and a reason per object. Checked like a batch (labels hash, signature,
 * signer = reviewer = session, nonce, deadline), then stored and the item
 * finalized; the annotators' reputations move at once.
 */
export function verdictRoutes(app: FastifyInstance, ctx: HubContext): void {
  const domain = () => groundworkDomain({ chainId: ctx.config.chainId, verifyingContract: getAddress(ctx.config.rewardsContract) });

  // Reviewers only — checked after the signature, so a forged or foreign upload is refused as such first.
  // The body is checked by verifyVerdictBody (the route's schema first, then hash, digest, signer), which answers its own codes.
  serveRoute(
    app,
    uploadVerdictRoute,
    async ({ req }) => {
      const verified = verifyVerdictBody(req.body, domain());
      if (!verified.ok) throw new HubError(verified.status, verified.code, verified.message);
      const account = req.account!;
      if (verified.signer !== account.address) {
        throw forbidden('signer_not_session', `the verdict is signed by ${verified.signer} but this session belongs to ${account.address}: upload your own verdicts`);
      }
      await requireReviewerRights(ctx, account);
      const receipt = await storeVerdict(ctx, verified);
      if (!receipt.duplicate) await catchUpReputation(ctx);
      return receipt;
    },
    { bodyCheckedByHandler: true },
  );
}
