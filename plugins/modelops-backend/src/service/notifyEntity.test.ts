import { mockServices } from '@backstage/backend-test-utils';
import { notifyEntity } from './notifyEntity';

describe('notifyEntity', () => {
  const payload = { title: 'Approved', link: '/catalog/default/mlmodel/churn' };

  async function notifyWith(implementation: () => Promise<void>) {
    const send = jest.fn(implementation);
    const logger = mockServices.logger.mock();
    const sent = await notifyEntity(
      { notifications: { send }, logger },
      'group:default/ml',
      payload,
      'Change notification to group:default/ml failed',
    );
    return { sent, send, logger };
  }

  it('sends to the entity and reports success', async () => {
    const { sent, send, logger } = await notifyWith(async () => {});
    expect(sent).toBe(true);
    expect(send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: 'group:default/ml' },
      payload,
    });
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('logs a failed send and reports it instead of throwing', async () => {
    const { sent, logger } = await notifyWith(async () => {
      throw new Error('notifications backend unavailable');
    });
    expect(sent).toBe(false);
    expect(logger.warn).toHaveBeenCalledWith(
      'Change notification to group:default/ml failed: Error: notifications backend unavailable',
    );
  });
});
