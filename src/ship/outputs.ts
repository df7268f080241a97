// --output URLs -> transports.

import { ElasticsearchTransport } from './elasticsearch.js';
import { FileTransport } from './file.js';
import { RedisTransport } from './redis.js';
import { SyslogTransport } from './syslog.js';
import type { Transport } from './transport.js';
import type { OutputSpec } from './url.js';

export function transportFor(spec: OutputSpec, report: (line: string) => void): Transport {
  switch (spec.kind) {
    case 'file':
      return new FileTransport(spec);
    case 'redis': {
      // node-redis reports every failed reconnect; one line per distinct message is enough.
      let last = '';
      return new RedisTransport({
        ...spec,
        onError: (err) => {
          if (err.message !== last) report(`tsaudit: output ${spec.url}: ${err.message}`);
          last = err.message;
        },
      });
    }
    case 'syslog':
      return new SyslogTransport(spec);
    case 'elasticsearch':
      return new ElasticsearchTransport(spec);
  }
}
