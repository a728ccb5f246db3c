import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import {
  EntityRefLink,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';

/** Props of {@link EntityRefCell}. */
export interface EntityRefCellProps {
  /** A full or short entity ref; a value that is not one is shown as text. */
  entityRef: string | undefined;
  /** Kind assumed for a short ref. */
  defaultKind: string;
  /** Width beyond which the title is cut with an ellipsis; 240px by default. */
  maxWidth?: number;
}

// One line, cut with a visible ellipsis. The title must be the link's own
// text: the catalog's display name renders as an inline-flex box, which
// `text-overflow` does not reach, so it was clipped without an ellipsis.
const oneLine = {
  display: 'inline-block',
  verticalAlign: 'middle',
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
} as const;

function EntityTitleLink(props: {
  entityRef: CompoundEntityRef;
  maxWidth: number;
}) {
  const { primaryTitle } = useEntityPresentation(props.entityRef);
  return (
    <Tooltip title={primaryTitle} enterDelay={500}>
      <EntityRefLink
        entityRef={props.entityRef}
        title={primaryTitle}
        style={{ ...oneLine, maxWidth: props.maxWidth }}
      />
    </Tooltip>
  );
}

/**
 * An entity in a table cell: its catalog title as a link on one line, cut
 * with an ellipsis when too long, the full title on hover. Raw refs wrap at
 * every slash and dash, which made tables unreadable.
 */
export function EntityRefCell(props: EntityRefCellProps) {
  const { entityRef, defaultKind } = props;
  const maxWidth = props.maxWidth ?? 240;
  if (!entityRef) {
    return <>—</>;
  }
  let parsed: CompoundEntityRef;
  try {
    parsed = parseEntityRef(entityRef, {
      defaultKind,
      defaultNamespace: 'default',
    });
  } catch {
    // Spend nobody owns is reported as `unowned` / `unmapped`: not a ref.
    return (
      <Box component="span" title={entityRef} sx={{ ...oneLine, maxWidth }}>
        {entityRef}
      </Box>
    );
  }
  return <EntityTitleLink entityRef={parsed} maxWidth={maxWidth} />;
}
