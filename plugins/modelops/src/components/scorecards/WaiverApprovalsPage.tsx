import { PageFrame } from '../common/PageFrame';
import { WaiverApprovals } from './WaiverApprovals';

/** Props of {@link WaiverApprovalsPage}. */
export interface WaiverApprovalsPageProps {
  /** Drawn as a tab of the scorecards section, without a page header. */
  embedded?: boolean;
}

/**
 * The waiver approvals page: pending waivers with approve and reject.
 *
 * @public
 */
export function WaiverApprovalsPage(props: WaiverApprovalsPageProps) {
  return (
    <PageFrame
      title="Waiver approvals"
      subtitle="Exceptions to checks, with reason, expiry and a second approver"
      embedded={props.embedded}
    >
      <WaiverApprovals />
    </PageFrame>
  );
}
