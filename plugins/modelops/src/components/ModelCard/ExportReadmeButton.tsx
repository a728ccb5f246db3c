import Button from '@mui/material/Button';
import DownloadIcon from '@mui/icons-material/Download';
import {
  EvaluationReport,
  MLModelEntity,
  ModelCardEvaluation,
  modelCardToHuggingFaceReadme,
} from '@modelops/plugin-modelops-common';
import { latestEvaluation } from '../charts/chartData';

/**
 * The README names a slice in one cell, so the stored `{ attribute, group }`
 * becomes `attribute=group`.
 */
export function toModelCardEvaluation(
  report: EvaluationReport | undefined,
): ModelCardEvaluation | undefined {
  if (!report) {
    return undefined;
  }
  return {
    datasetRef: report.datasetRef,
    evaluatedAt: report.evaluatedAt,
    metrics: report.metrics.map(m => ({
      name: m.name,
      value: m.value,
      slice: m.slice ? `${m.slice.attribute}=${m.slice.group}` : undefined,
    })),
  };
}

/** Props of {@link ExportReadmeButton}. */
export type ExportReadmeButtonProps = {
  entity: MLModelEntity;
  evaluations: EvaluationReport[];
};

/**
 * Downloads the model card as a Hugging Face README.md (YAML front matter and
 * Markdown sections), built from the entity and its latest evaluation.
 */
export function ExportReadmeButton(props: ExportReadmeButtonProps) {
  const { entity, evaluations } = props;
  const onClick = () => {
    const latest =
      latestEvaluation(evaluations, entity.spec.version) ??
      latestEvaluation(evaluations);
    const readme = modelCardToHuggingFaceReadme(
      entity,
      toModelCardEvaluation(latest),
    );
    const blob = new Blob([readme], { type: 'text/markdown;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = `${entity.metadata.name}-README.md`;
    anchor.click();
    // Revoke after the click has been handled so the download can start.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <Button variant="outlined" startIcon={<DownloadIcon />} onClick={onClick}>
      Export Hugging Face README
    </Button>
  );
}
