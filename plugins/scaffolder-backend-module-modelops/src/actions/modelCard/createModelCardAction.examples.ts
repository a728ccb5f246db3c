import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Write a model card from the template parameters',
    example: yaml.stringify({
      steps: [
        {
          id: 'model-card',
          action: 'modelops:model-card:create',
          name: 'Write the model card',
          input: {
            name: 'churn-predictor',
            title: 'Churn predictor',
            description: 'Predicts which subscribers cancel within 30 days.',
            owner: 'group:default/growth-ml',
            type: 'classification',
            framework: 'lightgbm',
            trainedOn: ['dataset:default/subscriber-events'],
            intendedUse: {
              primaryUses: ['Prioritise retention offers'],
              outOfScope: ['Pricing decisions'],
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'Import a Hugging Face README and copy its fields into the generated MLModel',
    example: yaml.stringify({
      steps: [
        {
          id: 'model-card',
          action: 'modelops:model-card:create',
          name: 'Import the model card',
          input: {
            name: 'sentiment-distilbert',
            huggingFaceReadme: '${{ parameters.huggingFaceReadme }}',
            entityFile: 'catalog-info.yaml',
          },
        },
      ],
    }),
  },
];
