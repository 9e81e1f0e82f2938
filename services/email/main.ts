// The email service: started by `node dist/services/email/main.js` or `eventc up`.
// Scaffolded once by eventc; this file is yours to edit.
import { runService } from 'eventc/runtime';
import { createEmailServiceConsumer } from '../../generated/services/email.js';
import { handlers } from './handlers.js';

await runService({
  name: 'email',
  setup: (client, config) => {
    return {
      consumer: createEmailServiceConsumer(client, handlers, { groupId: config.groupId }),
    };
  },
});
