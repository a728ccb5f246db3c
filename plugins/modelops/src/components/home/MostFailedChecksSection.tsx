import useAsync from 'react-use/esm/useAsync';
import { useApiHolder } from '@backstage/core-plugin-api';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { scorecardApiRef } from '../../api/scorecardApiRef';
import { HomeSection } from './HomeSection';
import { sectionStatus } from './sectionStatus';
import { packTitle } from '../scorecards/packTitle';
import { PassRateBar } from '../scorecards/PassRateBar';
import { useScorecardResultsLink } from '../scorecards/scorecardResultsLink';
import { Link } from '@backstage/core-components';

/**
 * Where checks fail most across the organisation: the scorecard packs by
 * number of failing checks, from the scorecards summary; each pack and
 * count opens the list of the checks and entities behind it.
 */
export function MostFailedChecksSection() {
  const scorecardApi = useApiHolder().get(scorecardApiRef);
  const link = useScorecardResultsLink();
  const { value, loading, error } = useAsync(async () => {
    if (!scorecardApi) return { evaluated: false, rows: [] };
    const summary = await scorecardApi.getSummary('pack');
    return {
      // No rows at all means no evaluation has run yet (the scheduled one
      // starts shortly after the backend), which is not "nothing fails".
      evaluated: summary.rows.length > 0,
      rows: summary.rows
        .filter(r => r.failing > 0)
        .sort((a, b) => b.failing - a.failing)
        .slice(0, 6),
    };
  }, [scorecardApi]);

  return (
    <HomeSection
      title="Most-failed checks"
      subheader="Scorecard packs with the most failing checks across the organisation: where to help first"
      status={sectionStatus({
        loading,
        error,
        available: Boolean(scorecardApi),
        isEmpty: value?.rows.length === 0,
        emptyMessage: value?.evaluated
          ? 'No failing checks: every evaluated entity passes.'
          : 'Scorecards have not been evaluated yet; the first scheduled run starts shortly after the backend.',
        unavailableMessage: 'Scorecards are not installed in this portal.',
      })}
    >
      <Table size="small" aria-label="Most-failed checks">
        <TableHead>
          <TableRow>
            <TableCell>Pack</TableCell>
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
              Failing
            </TableCell>
            <TableCell>Pass rate (passing / applicable checks)</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value?.rows.map(row => (
            <TableRow key={row.key}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {link ? (
                  <Link to={link({ pack: row.key })}>{packTitle(row.key)}</Link>
                ) : (
                  packTitle(row.key)
                )}
              </TableCell>
              <TableCell align="right">
                {link ? (
                  <Link
                    to={link({ pack: row.key, state: 'fail' })}
                    aria-label={`${row.failing} failing ${packTitle(
                      row.key,
                    )} checks`}
                  >
                    {row.failing}
                  </Link>
                ) : (
                  row.failing
                )}
              </TableCell>
              <TableCell sx={{ minWidth: 200 }}>
                <PassRateBar pack={packTitle(row.key)} counts={row} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </HomeSection>
  );
}
