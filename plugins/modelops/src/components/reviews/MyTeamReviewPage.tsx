import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { PageFrame } from '../common/PageFrame';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type {
  ReviewAttestRequest,
  ReviewItem,
} from '@modelops/plugin-modelops-common';
import { describeError } from './describeError';
import { reviewApiRef } from '../../api/reviewApiRef';
import { EntityRefCell } from '../common/EntityRefCell';
import { ReviewStateChip } from './ReviewStateChip';
import { TransferDialog } from './TransferDialog';
import { RequestErrorPanel } from '../common/RequestErrorPanel';
import { TimeLabel } from '../common/TimeLabel';

const DECIDABLE = new Set(['pending', 'kept', 'retired', 'transfer-pending']);

// The groups among the caller's ownership refs (which also name the user).
function teamsOf(refs: string[]): string[] {
  return refs.filter(ref =>
    ref.toLocaleLowerCase('en-US').startsWith('group:'),
  );
}

function titleOf(item: ReviewItem): string {
  return item.entityTitle ?? item.entityRef.replace(/^.*\//, '');
}

/**
 * Everything the caller's groups own in open review cycles: one click to
 * keep or retire, a dialog to propose a transfer, bulk decisions for the
 * selected rows, and the transfers other teams offer to the caller's groups.
 *
 * @public
 */
/** Props of {@link MyTeamReviewPage}. */
export interface MyTeamReviewPageProps {
  /** Drawn as a tab of the reviews section, without a page header. */
  embedded?: boolean;
}

export function MyTeamReviewPage(props: MyTeamReviewPageProps) {
  const reviewApi = useApi(reviewApiRef);
  const alertApi = useApi(alertApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => reviewApi.getMyReviews(),
    [reviewApi],
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [transferring, setTransferring] = useState<ReviewItem | undefined>();

  async function run(action: () => Promise<unknown>, message: string) {
    setBusy(true);
    try {
      await action();
      alertApi.post({ message, severity: 'success', display: 'transient' });
      setSelected([]);
      retry();
    } catch (e) {
      alertApi.post({ message: describeError(e), severity: 'error' });
    } finally {
      setBusy(false);
    }
  }

  const decide = (item: ReviewItem, request: ReviewAttestRequest) =>
    run(
      () => reviewApi.attest(item.id, request),
      `${titleOf(item)}: ${request.decision} recorded`,
    );

  let body;
  if (loading && !value) {
    body = <Progress />;
  } else if (error) {
    body = (
      <RequestErrorPanel
        error={error}
        forbiddenMessage="Ownership reviews are visible to members of the owning teams."
      />
    );
  } else if (value) {
    const items = value.items;
    const teams = teamsOf(value.groups);
    const decidable = items.filter(i => DECIDABLE.has(i.state));
    const toggle = (id: string) =>
      setSelected(s => (s.includes(id) ? s.filter(x => x !== id) : [...s, id]));
    body = (
      <Stack spacing={3}>
        <InfoCard title={`What my teams own (${items.length})`}>
          {items.length === 0 ? (
            <EmptyState
              missing="data"
              title="Nothing to review"
              description={
                <>
                  No open review cycle lists anything that{' '}
                  {teams.length === 0
                    ? 'your groups own'
                    : teams.map((group, index) => (
                        <span key={group}>
                          {index > 0 && ' or '}
                          <EntityRefLink
                            entityRef={group}
                            defaultKind="Group"
                          />
                        </span>
                      ))}
                  {teams.length === 1 ? ' owns' : ''}
                  {teams.length > 1 ? ' own' : ''}.
                </>
              }
            />
          ) : (
            <>
              <Box display="flex" gap={1} mb={1}>
                <Button
                  variant="contained"
                  disabled={busy || selected.length === 0}
                  onClick={() =>
                    run(
                      () =>
                        reviewApi.attestMany({
                          itemIds: selected,
                          decision: 'keep',
                        }),
                      `Kept ${selected.length} entities`,
                    )
                  }
                >
                  Keep selected ({selected.length})
                </Button>
                <Button
                  variant="outlined"
                  color="warning"
                  disabled={busy || selected.length === 0}
                  onClick={() =>
                    run(
                      () =>
                        reviewApi.attestMany({
                          itemIds: selected,
                          decision: 'retire',
                        }),
                      `Marked ${selected.length} entities for retirement`,
                    )
                  }
                >
                  Retire selected
                </Button>
              </Box>
              <Table size="small" aria-label="review items">
                <TableHead>
                  <TableRow>
                    <TableCell padding="checkbox">
                      <Checkbox
                        inputProps={{ 'aria-label': 'select all' }}
                        checked={
                          decidable.length > 0 &&
                          selected.length === decidable.length
                        }
                        indeterminate={
                          selected.length > 0 &&
                          selected.length < decidable.length
                        }
                        onChange={(_, checked) =>
                          setSelected(checked ? decidable.map(i => i.id) : [])
                        }
                      />
                    </TableCell>
                    <TableCell>Entity</TableCell>
                    <TableCell>Owner</TableCell>
                    <TableCell>Due</TableCell>
                    <TableCell>State</TableCell>
                    <TableCell>Decision</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {items.map(item => (
                    <TableRow
                      key={item.id}
                      selected={selected.includes(item.id)}
                    >
                      <TableCell padding="checkbox">
                        <Checkbox
                          inputProps={{
                            'aria-label': `select ${titleOf(item)}`,
                          }}
                          disabled={!DECIDABLE.has(item.state)}
                          checked={selected.includes(item.id)}
                          onChange={() => toggle(item.id)}
                        />
                      </TableCell>
                      <TableCell>
                        <Typography variant="body2">{titleOf(item)}</Typography>
                        <Typography variant="caption" color="text.secondary">
                          {item.entityKind}
                        </Typography>
                      </TableCell>
                      <TableCell>
                        <EntityRefCell
                          entityRef={item.ownerRef}
                          defaultKind="Group"
                        />
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        <TimeLabel value={item.dueAt} />
                      </TableCell>
                      <TableCell>
                        <ReviewStateChip
                          state={item.state}
                          overdue={item.overdue}
                        />
                        {item.transferTo && (
                          <Typography variant="caption" display="block">
                            to{' '}
                            <EntityRefCell
                              entityRef={item.transferTo}
                              defaultKind="Group"
                              maxWidth={160}
                            />
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell>
                        {DECIDABLE.has(item.state) && (
                          <Box display="flex" gap={0.5}>
                            <Button
                              size="small"
                              disabled={busy}
                              onClick={() => decide(item, { decision: 'keep' })}
                            >
                              Keep
                            </Button>
                            <Button
                              size="small"
                              disabled={busy}
                              onClick={() => setTransferring(item)}
                            >
                              Transfer
                            </Button>
                            <Button
                              size="small"
                              color="warning"
                              disabled={busy}
                              onClick={() =>
                                decide(item, { decision: 'retire' })
                              }
                            >
                              Retire
                            </Button>
                          </Box>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          )}
        </InfoCard>
        {value.incomingTransfers.length > 0 && (
          <InfoCard title="Transfers offered to my teams">
            <Table size="small" aria-label="incoming transfers">
              <TableBody>
                {value.incomingTransfers.map(item => (
                  <TableRow key={item.id}>
                    <TableCell>{titleOf(item)}</TableCell>
                    <TableCell>
                      from{' '}
                      <EntityRefCell
                        entityRef={item.ownerRef}
                        defaultKind="Group"
                      />{' '}
                      to{' '}
                      <EntityRefCell
                        entityRef={item.transferTo}
                        defaultKind="Group"
                      />
                      {item.note ? ` · ${item.note}` : ''}
                    </TableCell>
                    <TableCell align="right">
                      <Button
                        size="small"
                        variant="contained"
                        disabled={busy}
                        onClick={() =>
                          run(
                            () => reviewApi.acceptTransfer(item.id),
                            `${titleOf(item)}: transfer accepted`,
                          )
                        }
                      >
                        Accept
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </InfoCard>
        )}
      </Stack>
    );
  }

  const content = (
    <>
      {body}
      {transferring && (
        <TransferDialog
          open
          entityTitle={titleOf(transferring)}
          onCancel={() => setTransferring(undefined)}
          onConfirm={(transferTo, note) => {
            const item = transferring;
            setTransferring(undefined);
            decide(item, { decision: 'transfer', transferTo, note });
          }}
        />
      )}
    </>
  );
  // As a tab, the section's header already names the page.
  return props.embedded ? (
    content
  ) : (
    <PageFrame
      title="Ownership review"
      subtitle="Confirm, transfer or retire what your teams own"
    >
      {content}
    </PageFrame>
  );
}
