import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';

/** Props of {@link EntityRefCell}. */
export interface EntityRefCellProps {
  /** A full or short entity ref; a value that is not one is shown as text. */
  entityRef: string | undefined;
  /** Kind assumed for a short ref. */
  defaultKind: string;
  /** Width beyond which the title is cut with an ellipsis; 240px by default. */
  maxWidth?: number;
}

/**
 * An entity in a table cell: its catalog title as a link on one line, cut
 * with an ellipsis when too long (the link's tooltip names the full ref).
 * Raw refs wrap at every slash and dash, which made tables unreadable.
 */
export function EntityRefCell(props: EntityRefCellProps) {
  const { entityRef, defaultKind } = props;
  if (!entityRef) {
    return <>—</>;
  }
  let link;
  try {
    link = (
      <EntityRefLink
        entityRef={parseEntityRef(entityRef, {
          defaultKind,
          defaultNamespace: 'default',
        })}
      />
    );
  } catch {
    // Spend nobody owns is reported as `unowned` / `unmapped`: not a ref.
    link = <>{entityRef}</>;
  }
  return (
    <Box
      component="span"
      sx={{
        display: 'inline-block',
        maxWidth: props.maxWidth ?? 240,
        whiteSpace: 'nowrap',
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        verticalAlign: 'middle',
      }}
    >
      {link}
    </Box>
  );
}
