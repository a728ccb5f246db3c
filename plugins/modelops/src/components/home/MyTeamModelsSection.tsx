import useAsync from 'react-use/esm/useAsync';
import {
  identityApiRef,
  useApi,
  useApiHolder,
} from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import type { EntityScorecard } from '@modelops/plugin-modelops-common';
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { LevelChip } from '../scorecards/LevelChip';
import { packTitle } from '../scorecards/packTitle';
import { scorecardApiRef } from '../../api/scorecardApiRef';
import { HomeSection } from './HomeSection';
import { sectionStatus } from './sectionStatus';
import { wrapText } from '../common/wrapText';

// A home page shows a glance, not the team's whole portfolio; scorecards are
// read per model, so the list is kept short.
const MAX_MODELS = 12;

interface TeamModel {
  entityRef: string;
  title: string;
  lifecycle?: string;
  scorecard?: EntityScorecard;
}

/**
 * The models the signed-in user's groups own, with their scorecard levels
 * per pack when the scorecards are installed.
 */
export function MyTeamModelsSection() {
  const catalogApi = useApi(catalogApiRef);
  const identityApi = useApi(identityApiRef);
  const scorecardApi = useApiHolder().get(scorecardApiRef);

  const { value, loading, error } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'MLModel',
        'relations.ownedBy': identity.ownershipEntityRefs,
      },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.title',
        'spec.lifecycle',
      ],
    });
    const models: TeamModel[] = items.slice(0, MAX_MODELS).map(entity => ({
      entityRef: stringifyEntityRef(entity),
      title: entity.metadata.title ?? entity.metadata.name,
      lifecycle: entity.spec?.lifecycle as string | undefined,
    }));
    let levelsAvailable = Boolean(scorecardApi);
    if (scorecardApi) {
      // One failing scorecard read (say, a model never evaluated) must not
      // hide the others.
      const scorecards = await Promise.allSettled(
        models.map(m => scorecardApi.getEntityScorecard(m.entityRef)),
      );
      scorecards.forEach((result, i) => {
        if (result.status === 'fulfilled') models[i].scorecard = result.value;
      });
      levelsAvailable =
        scorecards.some(r => r.status === 'fulfilled') || models.length === 0;
    }
    return { models, total: items.length, levelsAvailable };
  }, [catalogApi, identityApi, scorecardApi]);

  return (
    <HomeSection
      title="My team's models"
      subheader="Models owned by your groups and the level each reached per scorecard pack"
      status={sectionStatus({
        loading,
        error,
        isEmpty: value?.models.length === 0,
        emptyMessage: 'Your groups own no models in the catalog yet.',
        unavailableMessage: 'The catalog is not reachable.',
      })}
    >
      {value && !value.levelsAvailable && (
        <Typography variant="body2" color="text.secondary">
          Scorecard levels are unavailable: the scorecards are not installed in
          this portal.
        </Typography>
      )}
      <List dense aria-label="My team's models">
        {value?.models.map(model => (
          <ListItem key={model.entityRef} disableGutters>
            <ListItemText
              sx={wrapText}
              primary={
                <EntityRefLink
                  entityRef={model.entityRef}
                  title={model.title}
                />
              }
              secondary={
                <Box
                  component="span"
                  display="flex"
                  gap={0.5}
                  flexWrap="wrap"
                  mt={0.5}
                >
                  {model.lifecycle && (
                    <Typography component="span" variant="caption" mr={1}>
                      {model.lifecycle}
                    </Typography>
                  )}
                  {model.scorecard?.packs.map(pack => (
                    <LevelChip
                      key={pack.pack}
                      level={pack.level}
                      label={packTitle(pack.pack)}
                    />
                  ))}
                  {value.levelsAvailable && !model.scorecard && (
                    <Typography
                      component="span"
                      variant="caption"
                      color="text.secondary"
                    >
                      not evaluated yet
                    </Typography>
                  )}
                </Box>
              }
            />
          </ListItem>
        ))}
      </List>
      {value && value.total > value.models.length && (
        <Typography variant="caption" color="text.secondary">
          Showing {value.models.length} of {value.total} models.
        </Typography>
      )}
    </HomeSection>
  );
}
