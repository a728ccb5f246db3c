import Alert from '@mui/material/Alert';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import { Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  isMLModelEntity,
  MLModelEntity,
  RELATION_EVALUATED_ON,
  RELATION_TRAINED_ON,
} from '@modelops/plugin-modelops-common';
import { useModelEvidence } from '../../hooks/useModelEvidence';
import { relatedRefs } from '../common/RelatedEntities';
import { ModelDetailsSection } from './ModelDetailsSection';
import { IntendedUseSection } from './IntendedUseSection';
import { FactorsSection } from './FactorsSection';
import { MetricsSection } from './MetricsSection';
import { DatasetRefsSection } from './DatasetRefsSection';
import { QuantitativeAnalysesSection } from './QuantitativeAnalysesSection';
import { EthicalConsiderationsSection } from './EthicalConsiderationsSection';
import { CaveatsSection } from './CaveatsSection';
import { ExportReadmeButton } from './ExportReadmeButton';

function ModelCard(props: { entity: MLModelEntity }) {
  const { entity } = props;
  const { loading, error, evaluations, snapshots } = useModelEvidence(entity);
  const trainedOn = relatedRefs(
    entity,
    RELATION_TRAINED_ON,
    entity.spec.trainedOn,
    'Dataset',
  );
  const evaluatedOn = relatedRefs(
    entity,
    RELATION_EVALUATED_ON,
    entity.spec.evaluatedOn,
    'Dataset',
  );
  // Datasets named by evaluation reports but not declared in the spec are
  // worth pointing out: the card would otherwise hide them.
  const declared = new Set(
    evaluatedOn.map(ref => stringifyEntityRef(ref).toLocaleLowerCase('en-US')),
  );
  const reportedDatasets = [
    ...new Set(evaluations.flatMap(e => (e.datasetRef ? [e.datasetRef] : []))),
  ].filter(ref => !declared.has(ref.toLocaleLowerCase('en-US')));
  return (
    <Stack spacing={2}>
      <Stack direction="row" justifyContent="flex-end">
        <ExportReadmeButton entity={entity} evaluations={evaluations} />
      </Stack>
      {error && (
        <Alert severity="warning">
          Evaluation and monitoring evidence could not be loaded (
          {error.message}); the sections below show what the catalog entity
          declares.
        </Alert>
      )}
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <ModelDetailsSection entity={entity} />
        </Grid>
        <Grid item xs={12} md={6}>
          <IntendedUseSection entity={entity} />
        </Grid>
        <Grid item xs={12} md={6}>
          <FactorsSection entity={entity} />
        </Grid>
        <Grid item xs={12} md={6}>
          <EthicalConsiderationsSection entity={entity} />
        </Grid>
        <Grid item xs={12}>
          {loading ? (
            <Progress />
          ) : (
            <MetricsSection entity={entity} evaluations={evaluations} />
          )}
        </Grid>
        <Grid item xs={12} md={6}>
          <DatasetRefsSection
            id="evaluation-data"
            title="Evaluation data"
            refs={evaluatedOn}
            field="spec.evaluatedOn"
            reportedRefs={reportedDatasets}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <DatasetRefsSection
            id="training-data"
            title="Training data"
            refs={trainedOn}
            field="spec.trainedOn"
          />
        </Grid>
        <Grid item xs={12}>
          {loading ? (
            <Progress />
          ) : (
            <QuantitativeAnalysesSection
              entity={entity}
              evaluations={evaluations}
              snapshots={snapshots}
            />
          )}
        </Grid>
        <Grid item xs={12}>
          <CaveatsSection entity={entity} />
        </Grid>
      </Grid>
    </Stack>
  );
}

/**
 * The model card of an MLModel entity, following the sections of "Model
 * Cards for Model Reporting": filled from the entity and from the evaluation
 * and monitoring evidence the backend keeps.
 *
 * @public
 */
export function ModelCardContent() {
  const { entity } = useEntity();
  if (!isMLModelEntity(entity)) {
    return (
      <Alert severity="error">
        The model card is for entities of kind MLModel; this is a {entity.kind}.
      </Alert>
    );
  }
  return <ModelCard entity={entity} />;
}
