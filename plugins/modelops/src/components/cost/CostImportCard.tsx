/*
 * CostImportCard: the upload of billing exports for FinOps, on the Model
 * cost page. A user drops a file (FOCUS, AWS CUR, Google Cloud, Azure or
 * CSV, plain or gzip); it is dry-run first, and the card shows the detected
 * format and what would be mapped, left unmapped (by tag value) or rejected.
 * Only on confirmation is the same file imported, with a progress bar while
 * it runs, and the result links to the entities and teams it changed.
 *
 * The card shows only for users the permission policy allows
 * `modelops.cost.ingest` at all: the sources route answers 403 otherwise,
 * and the card then renders nothing.
 */
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  CostImportJob,
  CostImportSourcesResponse,
} from '@modelops/plugin-modelops-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { EntityRefCell } from '../common/EntityRefCell';
import { formatDate } from '../common/formatTime';
import { isForbidden } from '../common/isForbidden';
import { RequestErrorPanel } from '../common/RequestErrorPanel';
import { costApiRef } from '../../api/costApiRef';
import { CostImportReportView, teamsOf } from './CostImportReportView';
import { COST_FORBIDDEN_MESSAGE } from './costForbiddenMessage';
import { joinExportParts } from './joinExportParts';

/** Where the upload is. */
type Step =
  | { kind: 'idle' }
  | { kind: 'running'; file: File; job?: CostImportJob; dryRun: boolean }
  | { kind: 'reviewed'; file: File; job: CostImportJob }
  | { kind: 'done'; job: CostImportJob }
  | { kind: 'failed'; message: string };

const FINAL = new Set(['succeeded', 'failed']);

function bytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} kB`;
  return `${n} bytes`;
}

// The backend's message (which names the field and rule), not the wrapper's.
function messageOf(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Props of {@link CostImportCard}. */
export interface CostImportCardProps {
  /** How often a running import is asked for its progress; 1 s by default. */
  pollIntervalMs?: number;
}

function ImportProgress(props: {
  job?: CostImportJob;
  dryRun: boolean;
  file: File;
}) {
  const { job, dryRun, file } = props;
  const percent = job?.progress.percent ?? 0;
  const label = job
    ? `${dryRun ? 'Dry run' : 'Importing'}: ${job.progress.rows.toLocaleString(
        'en-US',
      )} rows, ${percent}% of ${bytes(job.progress.totalBytes)}`
    : `Uploading ${file.name} (${bytes(file.size)})`;
  return (
    <Box sx={{ my: 2 }}>
      <LinearProgress
        variant={job ? 'determinate' : 'indeterminate'}
        value={percent}
        aria-label={label}
      />
      <Typography variant="body2" sx={{ mt: 1 }} role="status">
        {label}
      </Typography>
    </Box>
  );
}

function ImportPanel(props: {
  sources: CostImportSourcesResponse;
  pollIntervalMs: number;
}) {
  const { sources, pollIntervalMs } = props;
  const costApi = useApi(costApiRef);
  const [source, setSource] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  // Follows a running import until it is final.
  useEffect(() => {
    if (step.kind !== 'running' || !step.job || FINAL.has(step.job.status)) {
      return undefined;
    }
    const timer = setTimeout(async () => {
      try {
        const job = await costApi.getCostImport(step.job!.id);
        setStep(current =>
          current.kind === 'running' && current.job?.id === job.id
            ? { ...current, job }
            : current,
        );
      } catch (error) {
        setStep({ kind: 'failed', message: messageOf(error) });
      }
    }, pollIntervalMs);
    return () => clearTimeout(timer);
  }, [costApi, pollIntervalMs, step]);

  // A final import moves on: to its review, its result, or its error.
  useEffect(() => {
    if (step.kind !== 'running' || !step.job || !FINAL.has(step.job.status)) {
      return;
    }
    const { job, file, dryRun } = step;
    if (job.status === 'failed') {
      setStep({ kind: 'failed', message: job.error ?? 'The import failed.' });
    } else if (dryRun) {
      setStep({ kind: 'reviewed', file, job });
    } else {
      setStep({ kind: 'done', job });
    }
  }, [step]);

  async function start(file: File, dryRun: boolean, confirms?: string) {
    if (file.size > sources.maxFileBytes) {
      setStep({
        kind: 'failed',
        message: `${file.name} is ${bytes(file.size)}; files up to ${bytes(
          sources.maxFileBytes,
        )} can be imported.`,
      });
      return;
    }
    setStep({ kind: 'running', file, dryRun });
    try {
      const job = await costApi.startCostImport(file, {
        dryRun,
        source: source || undefined,
        fileName: file.name.slice(0, 255),
        confirms,
      });
      setStep({ kind: 'running', file, dryRun, job });
    } catch (error) {
      setStep({ kind: 'failed', message: messageOf(error) });
    }
  }

  async function onFiles(files: FileList | null) {
    if (!files || files.length === 0) return;
    try {
      start(await joinExportParts([...files]), true);
    } catch (error) {
      setStep({ kind: 'failed', message: messageOf(error) });
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    onFiles(event.dataTransfer.files);
  }

  const busy = step.kind === 'running';
  return (
    <>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={2}
        alignItems={{ sm: 'center' }}
      >
        <TextField
          select
          size="small"
          label="Source"
          value={source}
          onChange={event => setSource(event.target.value)}
          disabled={busy}
          sx={{ minWidth: 260 }}
          helperText="An import replaces its source's records of the days it covers"
        >
          <MenuItem value="">Detect from the file</MenuItem>
          {sources.sources.map(option => (
            <MenuItem key={option.name} value={option.name}>
              {option.name}
              {option.format ? ` (${option.format})` : ''}
            </MenuItem>
          ))}
        </TextField>
        <Box
          onDragOver={event => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="cost-import-drop-zone"
          sx={{
            flex: 1,
            border: '2px dashed',
            borderColor: dragging ? 'primary.main' : 'divider',
            borderRadius: 1,
            p: 2,
            textAlign: 'center',
          }}
        >
          <Typography variant="body2" component="span" sx={{ mr: 1 }}>
            Drop a billing export here (FOCUS, AWS CUR, Google Cloud, Azure or
            CSV; plain or gzip), all its parts together if it came in parts, or
          </Typography>
          <Button
            variant="outlined"
            size="small"
            disabled={busy}
            onClick={() => input.current?.click()}
          >
            Choose files
          </Button>
          <input
            ref={input}
            type="file"
            multiple
            hidden
            accept=".csv,.gz,text/csv,application/gzip"
            aria-label="Billing export files"
            data-testid="cost-import-file"
            onChange={event => {
              onFiles(event.target.files);
              event.target.value = '';
            }}
          />
        </Box>
      </Stack>

      {step.kind === 'running' && (
        <ImportProgress job={step.job} dryRun={step.dryRun} file={step.file} />
      )}

      {step.kind === 'failed' && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {step.message}
        </Alert>
      )}

      {step.kind === 'reviewed' && step.job.report && (
        <Box sx={{ mt: 2 }}>
          <Typography variant="h6" component="h2" gutterBottom>
            Dry run of {step.file.name}: nothing has been written
          </Typography>
          <CostImportReportView report={step.job.report} />
          {step.job.report.unknownEntities.length > 0 && (
            <Alert severity="warning" sx={{ mt: 2 }}>
              Tags name entities the catalog does not hold:{' '}
              {step.job.report.unknownEntities.join(', ')}
            </Alert>
          )}
          {step.job.report.commit?.allowed === false && (
            <Alert severity="warning" sx={{ mt: 2 }}>
              This file cannot be imported: {step.job.report.commit.reason}
            </Alert>
          )}
          <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
            <Button
              variant="contained"
              disabled={step.job.report.commit?.allowed === false}
              onClick={() => start(step.file, false, step.job.id)}
            >
              Import {step.job.report.records.toLocaleString('en-US')} daily
              records
            </Button>
            <Button onClick={() => setStep({ kind: 'idle' })}>Cancel</Button>
          </Stack>
        </Box>
      )}

      {step.kind === 'done' && step.job.report && (
        <Box sx={{ mt: 2 }}>
          <Alert severity="success">
            Imported {step.job.report.records.toLocaleString('en-US')} daily
            records of {step.job.report.source}
            {step.job.report.days.from
              ? ` for ${formatDate(step.job.report.days.from)} to ${formatDate(
                  step.job.report.days.to ?? step.job.report.days.from,
                )}`
              : ''}
            .
          </Alert>
          <Typography variant="subtitle1" component="h2" sx={{ mt: 2 }}>
            Affected entities and teams
          </Typography>
          <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap>
            {[
              ...new Set(step.job.report.mapped.byEntity.map(s => s.entityRef)),
            ].map(ref => (
              <EntityRefCell key={ref} entityRef={ref} defaultKind="MLModel" />
            ))}
            {teamsOf(step.job.report.mapped.byEntity).map(team => (
              <EntityRefCell
                key={team.team}
                entityRef={team.team}
                defaultKind="Group"
              />
            ))}
          </Stack>
          <CostImportReportView report={step.job.report} />
        </Box>
      )}
    </>
  );
}

/** Upload of billing exports, for users who may ingest cost. */
export function CostImportCard(props: CostImportCardProps) {
  const costApi = useApi(costApiRef);
  const sources = useAsync(() => costApi.getCostImportSources(), [costApi]);
  // Nothing while loading: most users of the page may not import.
  if (sources.loading) return null;
  if (sources.error) {
    // Users the policy denies ingest do not see the upload at all.
    if (isForbidden(sources.error)) return null;
    return (
      <RequestErrorPanel
        error={sources.error}
        forbiddenMessage={COST_FORBIDDEN_MESSAGE}
      />
    );
  }
  return (
    <InfoCard
      title="Import a billing export"
      subheader={`Checked in a dry run first; amounts in ${
        sources.value!.currency
      }${
        sources.value!.scope === 'owned'
          ? ', for the entities you may ingest cost for'
          : ''
      }`}
    >
      <ImportPanel
        sources={sources.value!}
        pollIntervalMs={props.pollIntervalMs ?? 1000}
      />
    </InfoCard>
  );
}
