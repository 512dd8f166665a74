// A worker that grows its heap without end on its first request, to prove the pool's memory limit
// costs only that request.
'use strict';
const { parentPort } = require('node:worker_threads');
parentPort.on('message', () => {
  const hoard = [];
  for (;;) hoard.push(new Array(1e6).fill(hoard.length));
});
