/*
 * CampaignFromDateButton: for campaign managers, starts a scorecard
 * campaign of every check citing an obligation that applies from a chosen
 * date (the Annex III date, the Art. 50 date...), due by that date. The
 * backend resolves the checks, so the campaign holds what the registered
 * checks cite, config and module checks included.
 */
import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  campaignManagePermission,
  obligationDates,
  type Campaign,
} from '@modelops/plugin-modelops-common';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { scorecardApiRef } from '../../api/scorecardApiRef';
import { CampaignOwnerAndDueFields } from '../scorecards/CampaignOwnerAndDueFields';

const today = () => new Date().toISOString().slice(0, 10);

/** `2 December 2027`, the way the regulation writes dates. */
export function longDate(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * A button, shown to holders of `modelops.campaign.manage` only, that
 * creates a campaign from the obligations applying from a date.
 */
export function CampaignFromDateButton() {
  const api = useApi(scorecardApiRef);
  const { allowed } = usePermission({ permission: campaignManagePermission });
  const dates = obligationDates();
  // The next date ahead is the one a campaign usually prepares for.
  const upcoming = dates.find(d => d.day >= today()) ?? dates[dates.length - 1];
  const [open, setOpen] = useState(false);
  const [day, setDay] = useState(upcoming?.day ?? '');
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [created, setCreated] = useState<Campaign | undefined>();
  const [saving, setSaving] = useState(false);

  if (!allowed || !upcoming) return null;

  const choose = (value: string) => {
    setDay(value);
    setTitle(`Ready for the obligations that apply from ${longDate(value)}`);
    setDueDate(value);
  };
  const start = () => {
    choose(day);
    setError(undefined);
    setOpen(true);
  };
  const submit = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const campaign = await api.createCampaign({
        title,
        obligationsApplyingFrom: day,
        dueDate,
        owner,
      });
      setCreated(campaign);
      setOpen(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack spacing={1} alignItems="flex-end">
      <Button variant="outlined" onClick={start}>
        Create campaign from a date
      </Button>
      {created && (
        <Alert severity="success" onClose={() => setCreated(undefined)}>
          Campaign “{created.title}” started with {created.checkIds.length}{' '}
          checks, due {created.dueDate.slice(0, 10)}.
        </Alert>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth>
        <DialogTitle>
          Campaign for the obligations applying from a date
        </DialogTitle>
        <DialogContent>
          {error && <Alert severity="error">{error}</Alert>}
          <TextField
            select
            label="Obligations that apply from"
            fullWidth
            margin="dense"
            value={day}
            onChange={e => choose(e.target.value)}
          >
            {dates.map(d => (
              <MenuItem key={d.day} value={d.day}>
                {longDate(d.day)} ({d.count} obligations)
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label="Title"
            fullWidth
            margin="dense"
            value={title}
            onChange={e => setTitle(e.target.value)}
          />
          <CampaignOwnerAndDueFields
            owner={owner}
            onOwnerChange={setOwner}
            dueDate={dueDate}
            onDueDateChange={setDueDate}
            ownerPlaceholder="group:default/ai-review-board"
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            variant="contained"
            onClick={submit}
            disabled={saving || !title || !owner || !dueDate}
          >
            Start campaign
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
