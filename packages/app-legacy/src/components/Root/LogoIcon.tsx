import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: {
    // A fixed size: with width auto the mark collapses beside the name.
    width: 28,
    height: 28,
    flexShrink: 0,
  },
});

/** The Tidewell Group mark: two waves, for the collapsed sidebar. */
export const LogoIcon = () => {
  const classes = useStyles();

  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 32 32"
      role="img"
      aria-label="Tidewell Group"
    >
      <rect width="32" height="32" rx="7" fill="#7df3e1" />
      <path
        d="M4 14c3-3 5-3 8 0s5 3 8 0 5-3 8 0"
        fill="none"
        stroke="#0b3d3a"
        strokeWidth="2.6"
        strokeLinecap="round"
      />
      <path
        d="M4 21c3-3 5-3 8 0s5 3 8 0 5-3 8 0"
        fill="none"
        stroke="#0b3d3a"
        strokeWidth="2.6"
        strokeLinecap="round"
      />
    </svg>
  );
};
