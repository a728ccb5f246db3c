import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Write the generated project to the local output folder when the user picked the local publish target',
    example: yaml.stringify({
      steps: [
        {
          id: 'export',
          if: "${{ parameters.publishTarget === 'local' }}",
          action: 'modelops:workspace:export',
          name: 'Export to the local output folder',
          input: { targetName: '${{ parameters.name }}' },
        },
      ],
    }),
  },
];
