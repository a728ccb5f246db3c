import {
  getEntityRelations,
  EntityRefLinks,
  useEntity,
  useEntityPresentation,
  useStarredEntity,
} from '@backstage/plugin-catalog-react';
import type { EntityHeaderLayoutProps } from '@backstage/plugin-catalog-react/alpha';
import { RELATION_OWNED_BY, RELATION_PART_OF } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { ButtonIcon, Header, type HeaderMetadataItem } from '@backstage/ui';
import StarIcon from '@mui/icons-material/Star';
import StarBorderIcon from '@mui/icons-material/StarBorder';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { lowestPackLevel } from '../common/modelLevel';
import { RiskTierChip } from '../common/RiskTierChip';
import { LevelChip } from '../scorecards/LevelChip';
import { scorecardApiRef } from '../../api/scorecardApiRef';

function Muted(props: { children: string }) {
  return (
    <Typography component="span" variant="body2" color="text.secondary">
      {props.children}
    </Typography>
  );
}

/** The model's level, its lowest pack level, read from the scorecards. */
function ModelLevel(props: { entityRef: string }) {
  const scorecardApi = useApiHolder().get(scorecardApiRef);
  const { value, loading, error } = useAsync(
    async () => scorecardApi?.getEntityScorecard(props.entityRef),
    [scorecardApi, props.entityRef],
  );
  if (loading) return <Muted>reading…</Muted>;
  if (error || !value) return <Muted>unavailable</Muted>;
  const level = lowestPackLevel(value.packs);
  return level ? <LevelChip level={level} /> : <Muted>not evaluated</Muted>;
}

/**
 * The header of MLModel pages: the catalog's title, tags, owner, system and
 * tabs, with what a model is judged by first: its lifecycle, its risk tier
 * and its scorecard level.
 */
export function ModelEntityHeader(props: EntityHeaderLayoutProps) {
  const { entity } = useEntity();
  const { primaryTitle } = useEntityPresentation(entity);
  const { isStarredEntity, toggleStarredEntity } = useStarredEntity(entity);
  const spec = (entity.spec ?? {}) as Record<string, any>;
  const owners = getEntityRelations(entity, RELATION_OWNED_BY);
  const systems = getEntityRelations(entity, RELATION_PART_OF);
  const metadata: HeaderMetadataItem[] = [
    { label: 'Lifecycle', value: String(spec.lifecycle ?? 'not declared') },
    { label: 'Risk tier', value: <RiskTierChip tier={spec.risk?.tier} /> },
    {
      label: 'Level',
      value: <ModelLevel entityRef={stringifyEntityRef(entity)} />,
    },
  ];
  if (owners.length > 0) {
    metadata.push({
      label: 'Owner',
      value: <EntityRefLinks entityRefs={owners} defaultKind="Group" />,
    });
  }
  if (systems.length > 0) {
    metadata.push({
      label: 'System',
      value: <EntityRefLinks entityRefs={systems} defaultKind="System" />,
    });
  }
  return (
    <Header
      title={primaryTitle}
      tags={[
        { label: entity.kind },
        ...(spec.type ? [{ label: String(spec.type) }] : []),
      ]}
      metadata={metadata}
      tabs={props.tabs}
      activeTabId={props.activeTabId}
      customActions={
        <ButtonIcon
          variant="secondary"
          aria-label={
            isStarredEntity ? 'Remove from favorites' : 'Add to favorites'
          }
          icon={isStarredEntity ? <StarIcon /> : <StarBorderIcon />}
          onPress={() => toggleStarredEntity()}
        />
      }
    />
  );
}
