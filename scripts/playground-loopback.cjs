// Preloaded into the Microsoft 365 Agents Playground (node --require). The
// Playground 0.2.28 calls server.listen(port) without a host, which listens on
// every interface; this makes a listen call without a host use 127.0.0.1.
'use strict';
const net = require('node:net');

const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') {
    args.splice(1, 0, '127.0.0.1');
  } else if (args[0] !== null && typeof args[0] === 'object' && args[0].host === undefined && args[0].path === undefined) {
    args[0] = { ...args[0], host: '127.0.0.1' };
  }
  return originalListen.apply(this, args);
};
