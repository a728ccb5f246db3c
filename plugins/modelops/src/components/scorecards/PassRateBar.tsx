import { passRate, type CheckCounts } from '@modelops/plugin-modelops-common';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';

/**
 * A pass rate drawn as a bar with its figures beside it ("189 of 251, 75%"):
 * checks that pass over checks that apply, the same definition on every
 * page (`passRate`). A bar alone cannot be read, so the numbers are always
 * written out.
 */
export function PassRateBar(props: { pack: string; counts: CheckCounts }) {
  const { pack, counts } = props;
  const rate = passRate(counts);
  const applicable = counts.passing + counts.failing + counts.waived;
  if (rate === undefined) {
    return <Typography variant="body2">No check applies</Typography>;
  }
  const label = `${counts.passing} of ${applicable} checks pass, ${Math.round(
    rate,
  )}%`;
  return (
    <Box display="flex" alignItems="center" gap={1}>
      <LinearProgress
        variant="determinate"
        value={rate}
        aria-label={`${pack} pass rate: ${label}`}
        sx={{ flexGrow: 1, minWidth: 60 }}
      />
      <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }} aria-hidden>
        {counts.passing} of {applicable}, {Math.round(rate)}%
      </Typography>
    </Box>
  );
}
