import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  CustomFieldValidator,
  makeFieldSchema,
} from '@backstage/plugin-scaffolder-react';
import Autocomplete from '@mui/material/Autocomplete';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';

/**
 * Value and options of the DatasetPicker field.
 *
 * @public
 */
export const DatasetPickerFieldSchema = makeFieldSchema({
  output: z => z.array(z.string()),
  uiOptions: z =>
    z.object({
      excludeLifecycles: z
        .array(z.string())
        .optional()
        .describe(
          'Dataset lifecycles not offered; defaults to retired and deprecated, which should not feed new models.',
        ),
    }),
});

/** A dataset offered by the picker. */
interface DatasetOption {
  ref: string;
  label: string;
  classification?: string;
  containsPII?: boolean;
}

const DEFAULT_EXCLUDED_LIFECYCLES = ['retired', 'deprecated'];

function toOption(entity: Entity): DatasetOption {
  const spec = (entity.spec ?? {}) as {
    classification?: string;
    containsPII?: boolean;
  };
  return {
    ref: stringifyEntityRef(entity),
    label: entity.metadata.title ?? entity.metadata.name,
    classification: spec.classification,
    containsPII: spec.containsPII,
  };
}

function refOption(ref: string): DatasetOption {
  return { ref, label: parseEntityRef(ref, { defaultKind: 'Dataset' }).name };
}

/**
 * Picks one or more Dataset entities from the catalog and returns their
 * entity references, for `spec.trainedOn` and `spec.evaluatedOn`. Shows the
 * classification and personal data flag of each dataset, since that is what
 * the person choosing training data has to weigh.
 *
 * @public
 */
export function DatasetPicker(props: typeof DatasetPickerFieldSchema.TProps) {
  const {
    formData,
    onChange,
    schema: { title = 'Datasets', description },
    required,
    rawErrors,
    uiSchema,
    idSchema,
    disabled,
  } = props;
  const catalogApi = useApi(catalogApiRef);
  const excluded =
    uiSchema?.['ui:options']?.excludeLifecycles ?? DEFAULT_EXCLUDED_LIFECYCLES;

  const {
    value: options = [],
    loading,
    error,
  } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Dataset' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.lifecycle',
        'spec.classification',
        'spec.containsPII',
      ],
    });
    return items
      .filter(e => !excluded.includes(String(e.spec?.lifecycle)))
      .map(toOption)
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [catalogApi, excluded.join(',')]);

  const selected = (formData ?? []).map(
    ref => options.find(o => o.ref === ref) ?? refOption(ref),
  );

  return (
    <Autocomplete
      multiple
      id={idSchema?.$id}
      disabled={disabled}
      loading={loading}
      options={options}
      value={selected}
      isOptionEqualToValue={(option, value) => option.ref === value.ref}
      getOptionLabel={option => option.label}
      onChange={(_event, value) => onChange(value.map(o => o.ref))}
      renderOption={(optionProps, option) => (
        <li {...optionProps} key={option.ref}>
          <Stack direction="row" spacing={1} alignItems="center">
            <Typography variant="body2">{option.label}</Typography>
            {option.classification && (
              <Chip size="small" label={option.classification} />
            )}
            {option.containsPII && (
              <Chip size="small" color="warning" label="personal data" />
            )}
          </Stack>
        </li>
      )}
      renderInput={params => (
        <TextField
          {...params}
          label={title}
          required={required && selected.length === 0}
          error={Boolean(rawErrors?.length) || Boolean(error)}
          helperText={
            error
              ? `Could not load datasets from the catalog: ${error.message}`
              : description
          }
          margin="normal"
        />
      )}
    />
  );
}

/**
 * Rejects values that are not Dataset entity references, for templates that
 * pass the value on to `spec.trainedOn` without another check.
 *
 * @public
 */
export const datasetPickerValidation: CustomFieldValidator<string[]> = (
  value,
  validation,
) => {
  for (const ref of value ?? []) {
    let kind: string | undefined;
    try {
      kind = parseEntityRef(ref, { defaultKind: 'Dataset' }).kind;
    } catch {
      kind = undefined;
    }
    if (kind?.toLocaleLowerCase('en-US') !== 'dataset') {
      validation.addError(
        `${ref}: expected a Dataset entity reference like dataset:default/name`,
      );
    }
  }
};
