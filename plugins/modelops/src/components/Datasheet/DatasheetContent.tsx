import Alert from '@mui/material/Alert';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { Link } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { RefLink, RefLinks } from '../common/RelatedEntities';
import {
  DatasetEntity,
  DatasetSpec,
  isDatasetEntity,
} from '@modelops/plugin-modelops-common';
import { FieldList, joinList, yesNo } from '../common/FieldList';
import { MissingSection } from '../common/MissingSection';
import { SafeMarkdown } from '../common/SafeMarkdown';
import { Section } from '../common/Section';
import { LineageSection } from './LineageSection';
import { formatDuration } from '../common/formatTime';

type DatasheetSectionKey = keyof NonNullable<DatasetSpec['datasheet']>;

// The questions each section of "Datasheets for Datasets" answers, shown when
// the section is missing so the owner knows what to write.
const SECTION_QUESTIONS: Record<DatasheetSectionKey, string> = {
  motivation: 'Why was the dataset created, by whom, and who funded it?',
  composition:
    'What do the instances represent, how many are there, what is missing?',
  collection:
    'How was the data acquired, over which time frame, with what consent?',
  preprocessing: 'What cleaning, labelling or normalisation was done?',
  uses: 'What has it been used for, and what should it not be used for?',
  distribution: 'How and to whom is it distributed, under which terms?',
  maintenance:
    'Who maintains it, how often is it updated, how are errors reported?',
};

// The sections in the order of the paper.
const DATASHEET_SECTIONS = Object.keys(
  SECTION_QUESTIONS,
) as DatasheetSectionKey[];

function sectionTitle(key: DatasheetSectionKey): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

function Datasheet(props: { entity: DatasetEntity }) {
  const { entity } = props;
  const { spec } = entity;
  const retention = spec.retention;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6}>
        <Section id="governance" title="Classification and compliance">
          <FieldList
            fields={[
              { label: 'Classification', value: spec.classification },
              { label: 'Contains PII', value: yesNo(spec.containsPII) },
              { label: 'PII categories', value: joinList(spec.piiCategories) },
              { label: 'Anonymised', value: yesNo(spec.anonymized) },
              {
                label: 'Regulations',
                value: joinList(spec.regulations?.map(r => r.toUpperCase())),
              },
              { label: 'Lawful basis', value: spec.lawfulBasis },
              {
                label: 'Steward',
                value: spec.steward && (
                  <RefLink entityRef={spec.steward} defaultKind="User" />
                ),
              },
              {
                label: 'Access',
                value: spec.access?.length ? (
                  <RefLinks entityRefs={spec.access} defaultKind="Group" />
                ) : undefined,
              },
            ]}
          />
          {spec.containsPII && !spec.lawfulBasis && (
            <Alert severity="warning" sx={{ mt: 1 }}>
              This dataset contains personal data but declares no lawful basis (
              <code>spec.lawfulBasis</code>).
            </Alert>
          )}
        </Section>
      </Grid>
      <Grid item xs={12} md={6}>
        <Section id="retention" title="Retention, schema and quality">
          <FieldList
            fields={[
              {
                label: 'Retention period',
                value: retention?.period && formatDuration(retention.period),
              },
              {
                label: 'Retention policy',
                value: retention?.policyUrl && (
                  <Link to={retention.policyUrl}>policy</Link>
                ),
              },
              { label: 'Archival', value: retention?.archival },
              {
                label: 'Schema',
                value: spec.schema?.url && (
                  <Link to={spec.schema.url}>
                    {spec.schema.format ?? 'schema'}
                  </Link>
                ),
              },
              {
                label: 'Schema validated',
                value: yesNo(spec.schema?.validated),
              },
              {
                label: 'Quality checks',
                value: joinList(spec.quality?.checks),
              },
              { label: 'Quality tool', value: spec.quality?.tool },
              {
                label: 'Freshness SLO',
                value:
                  spec.quality?.freshnessSlo &&
                  formatDuration(spec.quality.freshnessSlo),
              },
              {
                label: 'Drift monitoring',
                value:
                  spec.drift?.monitored === undefined
                    ? undefined
                    : `${yesNo(spec.drift.monitored)}${
                        spec.drift.test ? ` (${spec.drift.test})` : ''
                      }`,
              },
              {
                label: 'Labelling protocol',
                value: spec.labeling?.protocolUrl && (
                  <Link to={spec.labeling.protocolUrl}>protocol</Link>
                ),
              },
              {
                label: 'Label agreement',
                value: spec.labeling?.agreement?.toString(),
              },
            ]}
          />
          {!retention?.period && (
            <MissingSection
              what="Retention period"
              field="spec.retention.period"
              example={
                'retention:\n  period: P7Y   # ISO 8601 duration\n  policyUrl: https://grc.example.com/policies/retention'
              }
            />
          )}
        </Section>
      </Grid>
      <Grid item xs={12}>
        <LineageSection entity={entity} />
      </Grid>
      {DATASHEET_SECTIONS.map(key => {
        const text = spec.datasheet?.[key];
        return (
          <Grid item xs={12} md={6} key={key}>
            <Section id={`datasheet-${key}`} title={sectionTitle(key)}>
              {text ? (
                <SafeMarkdown content={text} />
              ) : (
                <>
                  <Typography
                    variant="body2"
                    color="text.secondary"
                    sx={{ mb: 1 }}
                  >
                    {SECTION_QUESTIONS[key]}
                  </Typography>
                  <MissingSection
                    what={sectionTitle(key)}
                    field={`spec.datasheet.${key}`}
                    example={`datasheet:\n  ${key}: |\n    Markdown answering the question above.`}
                  />
                </>
              )}
            </Section>
          </Grid>
        );
      })}
    </Grid>
  );
}

/**
 * The datasheet of a Dataset entity, following "Datasheets for Datasets",
 * with its governance facts and its lineage.
 *
 * @public
 */
export function DatasheetContent() {
  const { entity } = useEntity();
  if (!isDatasetEntity(entity)) {
    return (
      <Alert severity="error">
        The datasheet is for entities of kind Dataset; this is a {entity.kind}.
      </Alert>
    );
  }
  return <Datasheet entity={entity} />;
}
