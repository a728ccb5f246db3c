import type { ReactElement } from 'react';
import {
  Link as RouterLink,
  Navigate,
  Route,
  Routes,
  useLocation,
  useResolvedPath,
} from 'react-router-dom';
import { Content, Header, Page } from '@backstage/core-components';
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { ML_PAGE_THEME } from '../common/PageFrame';

/** One tab of a {@link SectionTabsPage}. */
export interface SectionTab {
  /** Path below the section, without a leading slash; '' for the first tab. */
  path: string;
  /** The tab's label. */
  label: string;
  /**
   * The content shown under the tab, drawn without a page header of its own
   * (the pages offer an `embedded` prop for this).
   */
  element: ReactElement;
}

/** Props of {@link SectionTabsPage}. */
export interface SectionTabsPageProps {
  /** The section's title, shown in the page header. */
  title: string;
  /** The line under the title. */
  subtitle?: string;
  /** Accessible name of the tab bar, for example "Scorecards sections". */
  label: string;
  tabs: SectionTab[];
}

/**
 * A ModelOps page made of several tabs, laid out like Backstage's tabbed
 * pages: the page header first, the tab bar right below it, then the
 * selected tab's content. Each tab has its own URL below the section, so
 * tabs can be linked and bookmarked; an unknown sub-path opens the first.
 */
export function SectionTabsPage(props: SectionTabsPageProps) {
  const { tabs, label, title, subtitle } = props;
  const base = useResolvedPath('.').pathname.replace(/\/$/, '');
  const { pathname } = useLocation();
  const rest = pathname.startsWith(base)
    ? pathname.slice(base.length).replace(/^\/|\/$/g, '')
    : '';
  const first = rest.split('/')[0] ?? '';
  const selected = Math.max(
    0,
    tabs.findIndex(tab => tab.path === first),
  );

  return (
    <Page themeId={ML_PAGE_THEME}>
      <Header title={title} subtitle={subtitle} />
      <Box
        component="nav"
        aria-label={label}
        sx={{
          // The page grid's row for tabs, as Backstage's HeaderTabs use.
          gridArea: 'pageSubheader',
          bgcolor: 'background.paper',
          borderBottom: 1,
          borderColor: 'divider',
          pl: 3,
          minWidth: 0,
        }}
      >
        <Tabs
          value={selected}
          aria-label={label}
          variant="scrollable"
          scrollButtons="auto"
        >
          {tabs.map(tab => (
            <Tab
              key={tab.path}
              label={tab.label}
              component={RouterLink}
              to={tab.path ? `${base}/${tab.path}` : base}
              sx={{
                typography: 'caption',
                fontWeight: 'bold',
                textTransform: 'uppercase',
                px: 3,
                py: 2.5,
                color: 'text.secondary',
                '&.Mui-selected': { color: 'text.primary' },
                '&:hover': {
                  bgcolor: 'background.default',
                  color: 'text.primary',
                },
              }}
            />
          ))}
        </Tabs>
      </Box>
      <Content>
        <Routes>
          {tabs.map(tab =>
            tab.path ? (
              <Route
                key={tab.path}
                path={`${tab.path}/*`}
                element={tab.element}
              />
            ) : (
              <Route key="index" index element={tab.element} />
            ),
          )}
          <Route path="*" element={<Navigate to={base} replace />} />
        </Routes>
      </Content>
    </Page>
  );
}
