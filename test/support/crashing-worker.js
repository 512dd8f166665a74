// A worker that dies on its first request, to prove the pool survives a crash.
'use strict';
const { parentPort } = require('node:worker_threads');
parentPort.on('message', () => process.exit(3));
