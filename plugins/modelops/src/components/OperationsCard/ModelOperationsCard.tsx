import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { InfoCard, Link } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { EntityLink } from '@backstage/catalog-model';
import {
  isMLModelEntity,
  MLModelEntity,
} from '@modelops/plugin-modelops-common';
import { FieldList, joinList, yesNo } from '../common/FieldList';
import { formatDuration } from '../common/formatTime';

const LINK_GROUPS: Array<{ type: string; label: string }> = [
  { type: 'runbook', label: 'Runbooks' },
  { type: 'on-call', label: 'On-call' },
  { type: 'dashboard', label: 'Dashboards' },
  { type: 'playbook', label: 'Playbooks' },
  { type: 'postmortem', label: 'Postmortems' },
];

function linksOfType(
  links: EntityLink[] | undefined,
  type: string,
): EntityLink[] {
  return (links ?? []).filter(link => link.type === type);
}

function LinkList(props: { links: EntityLink[] }) {
  return (
    <Stack component="span" direction="row" spacing={1} flexWrap="wrap">
      {props.links.map(link => (
        <Link key={link.url} to={link.url}>
          {link.title ?? link.url}
        </Link>
      ))}
    </Stack>
  );
}

function ms(value: number | undefined): string | undefined {
  return value === undefined ? undefined : `${value} ms`;
}

function OperationsFacts(props: { entity: MLModelEntity }) {
  const { entity } = props;
  const { deployment, monitoring, fallback, lifecycle } = entity.spec;
  const links = entity.metadata.links;
  const runbooks = linksOfType(links, 'runbook');
  // Dashboards may be linked or named in spec.monitoring.dashboard; show both.
  const dashboards = [
    ...linksOfType(links, 'dashboard'),
    ...(monitoring?.dashboard &&
    !linksOfType(links, 'dashboard').some(l => l.url === monitoring.dashboard)
      ? [
          {
            url: monitoring.dashboard,
            title: 'Monitoring dashboard',
            type: 'dashboard',
          },
        ]
      : []),
  ];
  const scaling = deployment?.autoscaling;
  return (
    <Stack spacing={2}>
      {lifecycle === 'production' && runbooks.length === 0 && (
        <Alert severity="warning" role="alert">
          This production model has no runbook. Add a link of type{' '}
          <code>runbook</code> to <code>metadata.links</code> so on-call
          engineers know what to do when it fails.
        </Alert>
      )}
      <FieldList
        fields={[
          ...LINK_GROUPS.map(group => {
            const groupLinks =
              group.type === 'dashboard'
                ? dashboards
                : linksOfType(links, group.type);
            return {
              label: group.label,
              value: groupLinks.length ? (
                <LinkList links={groupLinks} />
              ) : undefined,
            };
          }),
        ]}
      />
      <div>
        <Typography variant="subtitle2" component="h3">
          Service levels
        </Typography>
        <FieldList
          fields={[
            { label: 'Latency SLO (p95)', value: ms(deployment?.latencySloMs) },
            { label: 'Cold start SLO', value: ms(deployment?.coldStartSloMs) },
            { label: 'Serving', value: deployment?.serving },
            { label: 'Rollout strategy', value: deployment?.strategy },
            {
              label: 'Autoscaling',
              value: scaling
                ? `${scaling.minReplicas ?? '?'}–${
                    scaling.maxReplicas ?? '?'
                  } replicas${scaling.metric ? ` on ${scaling.metric}` : ''}`
                : undefined,
            },
            {
              label: 'Circuit breaker',
              value: yesNo(deployment?.circuitBreaker),
            },
            { label: 'Challenger', value: deployment?.challenger },
          ]}
        />
      </div>
      <div>
        <Typography variant="subtitle2" component="h3">
          Fallback and monitoring
        </Typography>
        <FieldList
          fields={[
            { label: 'Fallback', value: fallback },
            {
              label: 'Drift test',
              value:
                monitoring?.drift?.test &&
                `${monitoring.drift.test}${
                  monitoring.drift.features ? ', features' : ''
                }${monitoring.drift.output ? ', output' : ''}`,
            },
            {
              label: 'Feature logging',
              value: yesNo(monitoring?.featureLogging),
            },
            { label: 'Alerts', value: joinList(monitoring?.alerts) },
            {
              label: 'Retraining triggers',
              value: joinList(monitoring?.retraining?.triggers),
            },
            {
              label: 'Retraining cadence',
              value:
                monitoring?.retraining?.cadence &&
                `every ${formatDuration(monitoring.retraining.cadence)}`,
            },
          ]}
        />
      </div>
    </Stack>
  );
}

/**
 * What on-call engineers need for a model: runbooks, on-call, dashboards,
 * service levels, the fallback and the monitoring set-up. Warns when a
 * production model has no runbook.
 *
 * @public
 */
export function ModelOperationsCard() {
  const { entity } = useEntity();
  return (
    <InfoCard title="Operations">
      {isMLModelEntity(entity) ? (
        <OperationsFacts entity={entity} />
      ) : (
        <Alert severity="error">
          The operations card is for entities of kind MLModel.
        </Alert>
      )}
    </InfoCard>
  );
}
