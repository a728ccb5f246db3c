import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Classify the answers collected by the RiskQuestionnaire field',
    example: yaml.stringify({
      steps: [
        {
          id: 'classify',
          action: 'modelops:risk:classify',
          name: 'Classify the AI risk',
          input: { answers: '${{ parameters.riskAnswers }}' },
        },
      ],
    }),
  },
  {
    description: 'Classify a credit scoring model (Annex III point 5(b))',
    example: yaml.stringify({
      steps: [
        {
          id: 'classify',
          action: 'modelops:risk:classify',
          name: 'Classify the AI risk',
          input: {
            answers: {
              annexIIIPoints: ['5(b)'],
              profilesNaturalPersons: true,
            },
          },
        },
      ],
    }),
  },
];
