import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { Link } from '@backstage/core-components';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import { findEntityLinks, type EntityLink } from './findEntityLinks';
import { HomeSection } from './HomeSection';
import { sectionStatus } from './sectionStatus';
import { wrapText } from '../common/wrapText';

/** Props of {@link LinkListSection}. */
export interface LinkListSectionProps {
  title: string;
  subheader: string;
  /** The link type to collect, e.g. `playbook`. */
  linkType: string;
  emptyMessage: string;
  /** Orders and trims the links found; all, as found, by default. */
  select?: (links: EntityLink[]) => EntityLink[];
}

/**
 * A home section listing the links of one type found on catalog entities,
 * each with the entity it belongs to: the playbooks of how models are built
 * and run here, or the postmortems to learn from.
 */
export function LinkListSection(props: LinkListSectionProps) {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(
    () => findEntityLinks(catalogApi, props.linkType),
    [catalogApi, props.linkType],
  );
  const links = value ? (props.select ?? (l => l))(value) : [];
  return (
    <HomeSection
      title={props.title}
      subheader={props.subheader}
      status={sectionStatus({
        loading,
        error,
        isEmpty: links.length === 0,
        emptyMessage: props.emptyMessage,
        unavailableMessage: 'The catalog is not reachable.',
      })}
    >
      <List dense aria-label={props.title}>
        {links.map(link => (
          <ListItem key={`${link.entityRef} ${link.url}`} disableGutters>
            <ListItemText
              sx={wrapText}
              primary={<Link to={link.url}>{link.title}</Link>}
              secondary={
                <EntityRefLink
                  entityRef={link.entityRef}
                  title={link.entityTitle}
                />
              }
            />
          </ListItem>
        ))}
      </List>
    </HomeSection>
  );
}

const DATE = /\d{4}-\d{2}-\d{2}/;

/** Newest first by the date in a postmortem's title or URL, at most five. */
export function latestPostmortems(links: EntityLink[]): EntityLink[] {
  const dateOf = (l: EntityLink) =>
    DATE.exec(l.title)?.[0] ?? DATE.exec(l.url)?.[0] ?? '';
  return [...links]
    .sort((a, b) => dateOf(b).localeCompare(dateOf(a), 'en'))
    .slice(0, 5);
}
