import { RefLink } from '../common/RelatedEntities';
import { Link } from '@backstage/core-components';
import { MLModelEntity } from '@modelops/plugin-modelops-common';
import { FieldList, joinList, yesNo } from '../common/FieldList';
import { MissingSection } from '../common/MissingSection';
import { Section } from '../common/Section';

/**
 * "Ethical considerations" of the model card: risk tier, impact assessment,
 * human oversight, explainability, fairness targets and the review board.
 */
export function EthicalConsiderationsSection(props: { entity: MLModelEntity }) {
  const { risk } = props.entity.spec;
  if (!risk?.tier) {
    return (
      <Section id="ethical-considerations" title="Ethical considerations">
        <MissingSection
          what="Risk classification"
          field="spec.risk.tier"
          example={
            'risk:\n  tier: high   # unacceptable|high|limited|minimal (EU AI Act)\n  humanOversight:\n    mode: human-in-the-loop'
          }
        />
      </Section>
    );
  }
  const assessment = risk.impactAssessment;
  return (
    <Section id="ethical-considerations" title="Ethical considerations">
      <FieldList
        fields={[
          { label: 'Risk tier', value: risk.tier },
          {
            label: 'Impact assessment',
            value: assessment?.url && (
              <Link to={assessment.url}>
                {assessment.date
                  ? `assessed ${assessment.date}`
                  : assessment.url}
              </Link>
            ),
          },
          { label: 'Human oversight', value: risk.humanOversight?.mode },
          {
            label: 'Opt-out offered',
            value: yesNo(risk.humanOversight?.optOut),
          },
          { label: 'Explainability', value: joinList(risk.explainability) },
          {
            label: 'Fairness targets',
            value: joinList(
              risk.fairness?.map(f =>
                f.threshold === undefined
                  ? f.metric
                  : `${f.metric} ≤ ${f.threshold}`,
              ),
            ),
          },
          {
            label: 'Review board',
            value: risk.reviewBoard && (
              <RefLink entityRef={risk.reviewBoard} defaultKind="Group" />
            ),
          },
        ]}
      />
    </Section>
  );
}
