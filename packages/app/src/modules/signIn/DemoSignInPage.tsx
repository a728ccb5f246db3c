/*
 * DEMO ONLY. The demo portal's sign-in page: choose one of the people of
 * Tidewell Group that the backend's demo persona provider offers
 * (auth.providers.demo-persona in app-config.yaml, served by
 * packages/backend/src/demoPersonas), or the stock guest. Nobody proves who
 * they are; a real portal uses its identity provider's sign-in page.
 *
 * The choice is remembered in this browser until sign-out, so a reload
 * signs in as the same person; signing out (Settings) brings the choice back.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useState,
} from 'react';
import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ProxiedSignInPage,
  SignInPage,
  WarningPanel,
} from '@backstage/core-components';
import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import type { IdentityApi } from '@backstage/frontend-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import {
  Box,
  Button,
  Chip,
  CircularProgress,
  Grid,
  Typography,
} from '@material-ui/core';

/** The backend provider id and the header naming the chosen persona. */
const PROVIDER = 'demo-persona';
const HEADER = 'x-demo-persona';
/** The guest, as a choice beside the personas. */
const GUEST = 'guest';
const STORAGE_KEY = 'modelops-demo:sign-in-as';

/** One persona as GET /api/auth/demo-persona/personas lists it. */
interface Persona {
  userEntityRef: string;
  displayName: string;
  description?: string;
  role: string;
  summary?: string;
  teams: { entityRef: string; displayName: string }[];
}

type PersonaList =
  | { status: 'loading' }
  | { status: 'ready'; personas: Persona[] }
  // The provider is not configured (or the backend is down): the stock
  // guest sign-in is all there is.
  | { status: 'unavailable' };

/** How often an empty list is asked again while the catalog starts. */
const RETRY_MS = 3000;

function usePersonas(): PersonaList {
  const discovery = useApi(coreApis.discovery);
  const [list, setList] = useState<PersonaList>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const base = await discovery.getBaseUrl('auth');
        // No identity exists yet: a plain fetch, not the fetch API that
        // would wait for one.
        const res = await fetch(`${base}/${PROVIDER}/personas`);
        if (cancelled) return;
        if (!res.ok) {
          setList({ status: 'unavailable' });
          return;
        }
        const { personas } = (await res.json()) as { personas: Persona[] };
        if (cancelled) return;
        setList({ status: 'ready', personas });
        // Right after a first start the catalog has not read the demo
        // company yet: ask again until it has.
        if (personas.length === 0) timer = setTimeout(load, RETRY_MS);
      } catch {
        if (!cancelled) setList({ status: 'unavailable' });
      }
    };
    load();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [discovery]);
  return list;
}

/** Forgets the choice on sign-out, so the next visit offers it again. */
function forgetOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      localStorage.removeItem(STORAGE_KEY);
      await identity.signOut();
    },
  };
}

// A remembered choice that no longer signs in (the persona was removed from
// config or the catalog) brings the picker back with the reason.
const SignInFailureContext = createContext<(error: Error) => void>(() => {});

function ReportSignInFailure({ error }: { error?: Error }) {
  const report = useContext(SignInFailureContext);
  useEffect(() => {
    report(error ?? new Error('Sign-in failed'));
  }, [error, report]);
  return null;
}

function PersonaCard(props: {
  persona: Persona;
  onChoose: (ref: string) => void;
}) {
  const { persona, onChoose } = props;
  const firstName = persona.displayName.split(' ')[0];
  return (
    <Grid item xs={12} sm={6} md={4}>
      <InfoCard
        title={persona.displayName}
        subheader={persona.role}
        variant="fullHeight"
        actions={
          <Button
            color="primary"
            variant="contained"
            onClick={() => onChoose(persona.userEntityRef)}
            aria-label={`Sign in as ${persona.displayName}, ${persona.role}`}
          >
            Sign in as {firstName}
          </Button>
        }
      >
        {persona.description && (
          <Typography variant="body2" color="textSecondary" gutterBottom>
            {persona.description}
          </Typography>
        )}
        <Box display="flex" flexWrap="wrap" mb={1} style={{ gap: 4 }}>
          {persona.teams.map(team => (
            <Chip key={team.entityRef} size="small" label={team.displayName} />
          ))}
        </Box>
        {persona.summary && (
          <Typography variant="body1">{persona.summary}</Typography>
        )}
      </InfoCard>
    </Grid>
  );
}

function PersonaPicker(props: {
  personas: Persona[];
  error?: Error;
  onChoose: (choice: string) => void;
}) {
  const { personas, error, onChoose } = props;
  return (
    <Page themeId="home">
      <Header
        title="Tidewell Group ML portal"
        subtitle="Demo: choose who you are"
      />
      <Content>
        <Box mb={2}>
          <WarningPanel
            severity="info"
            defaultExpanded
            title="Demo sign-in: anyone may sign in as anyone below, without a password"
          >
            Each person is a user of the demo company in the catalog, with their
            teams; what they may do follows from those teams, as with a real
            sign-in. Sign out from Settings to switch. A real portal signs in
            through its identity provider instead.
          </WarningPanel>
        </Box>
        {personas.length === 0 && (
          <Box mb={2} display="flex" alignItems="center" style={{ gap: 12 }}>
            <CircularProgress size={20} />
            <Typography>
              The catalog is still reading the demo company's people; they
              appear here in a moment.
            </Typography>
          </Box>
        )}
        {error && (
          <Box mb={2}>
            <WarningPanel severity="error" title="Sign-in failed">
              {error.message}
            </WarningPanel>
          </Box>
        )}
        <Grid container spacing={3} alignItems="stretch">
          {personas.map(persona => (
            <PersonaCard
              key={persona.userEntityRef}
              persona={persona}
              onChoose={onChoose}
            />
          ))}
          <Grid item xs={12} sm={6} md={4}>
            <InfoCard
              title="Guest"
              subheader="The stock Backstage guest"
              variant="fullHeight"
              actions={
                <Button
                  color="primary"
                  variant="outlined"
                  onClick={() => onChoose(GUEST)}
                >
                  Enter
                </Button>
              }
            >
              <Typography variant="body1">
                Signs in as the user that auth.providers.guest names in
                app-config.yaml.
              </Typography>
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}

/** The demo's sign-in page (see the top of this file). */
export function DemoSignInPage(props: SignInPageProps) {
  const { onSignInSuccess } = props;
  const list = usePersonas();
  const [choice, setChoice] = useState<string | undefined>(
    () => localStorage.getItem(STORAGE_KEY) ?? undefined,
  );
  const [failure, setFailure] = useState<Error>();

  const choose = useCallback((next: string) => {
    localStorage.setItem(STORAGE_KEY, next);
    setFailure(undefined);
    setChoice(next);
  }, []);
  const onSuccess = useCallback(
    (identity: IdentityApi) => onSignInSuccess(forgetOnSignOut(identity)),
    [onSignInSuccess],
  );
  const fail = useCallback((error: Error) => {
    localStorage.removeItem(STORAGE_KEY);
    setFailure(error);
    setChoice(undefined);
  }, []);

  if (list.status === 'loading') return <Progress />;
  if (list.status === 'unavailable') {
    return <SignInPage {...props} providers={['guest']} />;
  }
  if (choice) {
    return (
      <SignInFailureContext.Provider value={fail}>
        <ProxiedSignInPage
          key={choice}
          provider={choice === GUEST ? GUEST : PROVIDER}
          headers={choice === GUEST ? undefined : { [HEADER]: choice }}
          onSignInSuccess={onSuccess}
          ErrorComponent={ReportSignInFailure}
        />
      </SignInFailureContext.Provider>
    );
  }
  return (
    <PersonaPicker personas={list.personas} error={failure} onChoose={choose} />
  );
}
