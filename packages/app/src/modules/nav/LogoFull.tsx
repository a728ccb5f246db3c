import { makeStyles } from '@material-ui/core';
import { LogoIcon } from './LogoIcon';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: 10,
    color: '#ffffff',
    whiteSpace: 'nowrap',
  },
  name: {
    fontSize: 17,
    fontWeight: 700,
    lineHeight: 1.1,
  },
  portal: {
    fontSize: 12,
    opacity: 0.8,
  },
});

/** The demo company's mark and name, for the open sidebar. */
export const LogoFull = () => {
  const classes = useStyles();

  return (
    <div className={classes.root}>
      <LogoIcon />
      <div>
        <div className={classes.name}>Tidewell Group</div>
        <div className={classes.portal}>ML portal</div>
      </div>
    </div>
  );
};
