import { mockServices } from '@backstage/backend-test-utils';
import { notifyEntity } from './notifyEntity';

describe('notifyEntity', () => {
  const payload = { title: 'Approved', link: '/catalog/default/mlmodel/churn' };

  it('sends to the entity and reports success', async () => {
    const send = jest.fn(async () => {});
    const logger = mockServices.logger.mock();
    await expect(
      notifyEntity(
        { notifications: { send }, logger },
        'group:default/ml',
        payload,
        'Change notification to group:default/ml failed',
      ),
    ).resolves.toBe(true);
    expect(send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: 'group:default/ml' },
      payload,
    });
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('logs a failed send and reports it instead of throwing', async () => {
    const logger = mockServices.logger.mock();
    const send = jest.fn(async () => {
      throw new Error('notifications backend unavailable');
    });
    await expect(
      notifyEntity(
        { notifications: { send }, logger },
        'group:default/ml',
        payload,
        'Change notification to group:default/ml failed',
      ),
    ).resolves.toBe(false);
    expect(logger.warn).toHaveBeenCalledWith(
      'Change notification to group:default/ml failed: Error: notifications backend unavailable',
    );
  });
});
