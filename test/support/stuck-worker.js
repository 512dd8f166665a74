// A worker that never answers (a synchronous loop), to prove the pool's time budget ends it.
'use strict';
const { parentPort } = require('node:worker_threads');
parentPort.on('message', () => {
  for (;;);
});
