import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';
import {
  ANNEX_III_AREAS,
  ANNEX_III_DEROGATIONS,
  classifyRisk,
  GENERAL_PURPOSE_MODEL_STATUSES,
  PROHIBITED_PRACTICES,
  TRANSPARENCY_DUTIES,
  type AnnexIIIDerogation,
  type GeneralPurposeModelStatus,
  type RiskQuestionOption,
  type RiskQuestionnaireAnswers,
} from '@modelops/plugin-modelops-common';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { RiskTierPreview } from './RiskTierPreview';

/**
 * Value of the RiskQuestionnaire field: the answers, as accepted by the
 * `modelops:risk:classify` and `modelops:risk-assessment:write` actions.
 *
 * @public
 */
export const RiskQuestionnaireFieldSchema = makeFieldSchema({
  output: z =>
    z.object({
      prohibitedPractices: z.array(z.string()).optional(),
      annexISafetyComponent: z.boolean().optional(),
      annexIIIAreas: z.array(z.string()).optional(),
      annexIIIDerogation: z.string().optional(),
      profilesNaturalPersons: z.boolean().optional(),
      transparencyDuties: z.array(z.string()).optional(),
      generalPurposeModel: z.string().optional(),
      publicServiceDeployer: z.boolean().optional(),
    }),
});

type ListKey = 'prohibitedPractices' | 'annexIIIAreas' | 'transparencyDuties';
type FlagKey =
  | 'annexISafetyComponent'
  | 'profilesNaturalPersons'
  | 'publicServiceDeployer';

function optionLabel(option: RiskQuestionOption<string>) {
  return (
    <span>
      {option.label}{' '}
      <Typography component="span" variant="caption" color="text.secondary">
        ({option.article})
      </Typography>
    </span>
  );
}

/**
 * The EU AI Act risk questionnaire as a scaffolder form field. It asks about
 * prohibited practices (Art. 5), product safety components (Art. 6(1)),
 * Annex III high-risk areas and the Art. 6(3) conditions, transparency duties
 * (Art. 50) and general-purpose models (Art. 53, 55), and shows the resulting
 * tier while the user answers, with the same logic the actions run.
 *
 * @public
 */
export function RiskQuestionnaire(
  props: typeof RiskQuestionnaireFieldSchema.TProps,
) {
  const { formData, onChange, schema, disabled, idSchema, rawErrors } = props;
  // The scaffolder widens enums to strings in the stored form data; the options below only produce valid ids.
  const answers = (formData ?? {}) as RiskQuestionnaireAnswers;
  // Cheap enough to run on every render, which keeps the preview in step with the answers.
  const classification = classifyRisk(answers);
  const id = idSchema?.$id ?? 'riskQuestionnaire';

  const update = (patch: Partial<RiskQuestionnaireAnswers>) => {
    const next: Record<string, unknown> = { ...answers, ...patch };
    // Drop emptied answers so the stored value stays minimal and readable in the review step.
    for (const [key, value] of Object.entries(next)) {
      if (
        value === undefined ||
        value === false ||
        (Array.isArray(value) && value.length === 0)
      ) {
        delete next[key];
      }
    }
    onChange(next as typeof formData);
  };

  const toggle = (key: ListKey, optionId: string, checked: boolean) => {
    const current = (answers[key] ?? []) as string[];
    const values = checked
      ? [...current, optionId]
      : current.filter(v => v !== optionId);
    const patch: Partial<RiskQuestionnaireAnswers> = { [key]: values };
    if (key === 'annexIIIAreas' && values.length === 0) {
      patch.annexIIIDerogation = undefined;
    }
    update(patch);
  };

  const checklist = (
    key: ListKey,
    legend: string,
    options: ReadonlyArray<RiskQuestionOption<string>>,
    help?: string,
  ) => (
    <FormControl component="fieldset" disabled={disabled}>
      <FormLabel component="legend">{legend}</FormLabel>
      {help && <FormHelperText>{help}</FormHelperText>}
      <FormGroup>
        {options.map(option => (
          <FormControlLabel
            key={option.id}
            control={
              <Checkbox
                id={`${id}-${key}-${option.id}`}
                checked={((answers[key] ?? []) as string[]).includes(option.id)}
                onChange={e => toggle(key, option.id, e.target.checked)}
              />
            }
            label={optionLabel(option)}
          />
        ))}
      </FormGroup>
    </FormControl>
  );

  const flag = (key: FlagKey, label: string) => (
    <FormControlLabel
      disabled={disabled}
      control={
        <Checkbox
          id={`${id}-${key}`}
          checked={Boolean(answers[key])}
          onChange={e => update({ [key]: e.target.checked })}
        />
      }
      label={label}
    />
  );

  return (
    <Stack spacing={2} id={id}>
      {schema.title && <Typography variant="h6">{schema.title}</Typography>}
      {schema.description && (
        <Typography variant="body2">{schema.description}</Typography>
      )}
      <RiskTierPreview classification={classification} />
      {checklist(
        'prohibitedPractices',
        'Does the system do any of the following? (prohibited practices)',
        PROHIBITED_PRACTICES,
      )}
      {flag(
        'annexISafetyComponent',
        'It is a safety component of a product covered by EU product legislation (machinery, medical devices, toys, vehicles...) (Art. 6(1))',
      )}
      {checklist(
        'annexIIIAreas',
        'Is it used in any of these areas? (Annex III)',
        ANNEX_III_AREAS,
      )}
      {(answers.annexIIIAreas?.length ?? 0) > 0 && (
        <FormControl component="fieldset" disabled={disabled}>
          <FormLabel component="legend">
            Does one of these conditions apply? (Art. 6(3))
          </FormLabel>
          <RadioGroup
            value={answers.annexIIIDerogation ?? 'none'}
            onChange={e =>
              update({
                annexIIIDerogation:
                  e.target.value === 'none'
                    ? undefined
                    : (e.target.value as AnnexIIIDerogation),
              })
            }
          >
            <FormControlLabel
              value="none"
              control={<Radio />}
              label="None of them"
            />
            {ANNEX_III_DEROGATIONS.map(option => (
              <FormControlLabel
                key={option.id}
                value={option.id}
                control={<Radio />}
                label={optionLabel(option)}
              />
            ))}
          </RadioGroup>
          {flag(
            'profilesNaturalPersons',
            'It profiles natural persons (profiling always makes an Annex III system high-risk)',
          )}
        </FormControl>
      )}
      {checklist(
        'transparencyDuties',
        'Which of these describe the system? (transparency duties)',
        TRANSPARENCY_DUTIES,
      )}
      <FormControl component="fieldset" disabled={disabled}>
        <FormLabel component="legend">General-purpose AI model</FormLabel>
        <RadioGroup
          value={answers.generalPurposeModel ?? 'none'}
          onChange={e =>
            update({
              generalPurposeModel:
                e.target.value === 'none'
                  ? undefined
                  : (e.target.value as GeneralPurposeModelStatus),
            })
          }
        >
          {GENERAL_PURPOSE_MODEL_STATUSES.map(option => (
            <FormControlLabel
              key={option.id}
              value={option.id}
              control={<Radio />}
              label={optionLabel(option)}
            />
          ))}
        </RadioGroup>
      </FormControl>
      {flag(
        'publicServiceDeployer',
        'It is deployed by a public body or a private provider of public services (Art. 27)',
      )}
      {rawErrors?.map(message => (
        <FormHelperText key={message} error>
          {message}
        </FormHelperText>
      ))}
    </Stack>
  );
}
