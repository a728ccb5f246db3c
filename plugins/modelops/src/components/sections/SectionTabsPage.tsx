import type { ReactElement } from 'react';
import {
  Link as RouterLink,
  Navigate,
  Route,
  Routes,
  useLocation,
  useResolvedPath,
} from 'react-router-dom';
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';

/** One tab of a {@link SectionTabsPage}. */
export interface SectionTab {
  /** Path below the section, without a leading slash; '' for the first tab. */
  path: string;
  /** The tab's label. */
  label: string;
  /** The page shown under the tab; it draws its own header. */
  element: ReactElement;
}

/** Props of {@link SectionTabsPage}. */
export interface SectionTabsPageProps {
  /** Accessible name of the tab bar, for example "Scorecards sections". */
  label: string;
  tabs: SectionTab[];
}

// Height of the tab bar; the page below it fills the rest of the viewport.
const TAB_BAR_HEIGHT = 48;

/**
 * A page of ModelOps made of several pages, each with its own header and its
 * own URL below the section (so tabs can be linked and bookmarked). The tab
 * bar sits above the selected page's header, because those pages are also
 * mounted on their own and draw their header themselves.
 */
export function SectionTabsPage(props: SectionTabsPageProps) {
  const { tabs, label } = props;
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
    <Box
      sx={{
        display: 'flex',
        flexDirection: 'column',
        height: '100vh',
        // The selected page is a full-height Backstage page; keep it within
        // the space the tab bar leaves so only one scrollbar shows.
        '& > .modelops-section-body > main': { height: '100%' },
      }}
    >
      <Box
        component="nav"
        aria-label={label}
        sx={{
          minHeight: TAB_BAR_HEIGHT,
          borderBottom: 1,
          borderColor: 'divider',
          bgcolor: 'background.paper',
          px: 2,
        }}
      >
        <Tabs value={selected} aria-label={label}>
          {tabs.map(tab => (
            <Tab
              key={tab.path}
              label={tab.label}
              component={RouterLink}
              to={tab.path ? `${base}/${tab.path}` : base}
            />
          ))}
        </Tabs>
      </Box>
      <Box
        className="modelops-section-body"
        sx={{ flex: 1, minHeight: 0, overflow: 'hidden' }}
      >
        <Routes>
          {tabs.map(tab =>
            tab.path ? (
              <Route key={tab.path} path={`${tab.path}/*`} element={tab.element} />
            ) : (
              <Route key="index" index element={tab.element} />
            ),
          )}
          <Route path="*" element={<Navigate to={base} replace />} />
        </Routes>
      </Box>
    </Box>
  );
}
