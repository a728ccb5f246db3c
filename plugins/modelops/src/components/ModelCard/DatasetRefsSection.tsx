import Typography from '@mui/material/Typography';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { RelatedLinks } from '../common/RelatedEntities';
import { MissingSection } from '../common/MissingSection';
import { Section } from '../common/Section';

/** Props of {@link DatasetRefsSection}. */
export type DatasetRefsSectionProps = {
  id: string;
  title: string;
  refs: CompoundEntityRef[];
  field: string;
  /** Datasets named by evaluation reports but not declared in the spec. */
  reportedRefs?: string[];
};

/** "Training data" or "Evaluation data" of the model card: linked datasheets. */
export function DatasetRefsSection(props: DatasetRefsSectionProps) {
  const { id, title, refs, field, reportedRefs = [] } = props;
  return (
    <Section id={id} title={title}>
      {refs.length > 0 ? (
        <Typography variant="body2" component="div">
          <RelatedLinks refs={refs} /> — open each dataset for its datasheet.
        </Typography>
      ) : (
        <MissingSection
          what={title}
          field={field}
          example={`${field.replace(
            'spec.',
            '',
          )}: [dataset:default/my-dataset]`}
        />
      )}
      {reportedRefs.length > 0 && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          Evaluation reports also name: {reportedRefs.join(', ')}
        </Typography>
      )}
    </Section>
  );
}
