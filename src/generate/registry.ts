import type { DatasetName } from '../datasets/index.js';
import type { RecordGenerator } from './types.js';
import { generateAccessRequest } from './access_request.js';
import { generateAudit } from './audit.js';
import { generateCasb } from './casb.js';
import { generateDevicePosture } from './device_posture.js';
import { generateDns } from './dns.js';
import { generateDnsFirewall } from './dns_firewall.js';
import { generateFirewallEvent } from './firewall_event.js';
import { generateGatewayDns } from './gateway_dns.js';
import { generateGatewayHttp } from './gateway_http.js';
import { generateGatewayNetwork } from './gateway_network.js';
import { generateHttpRequest } from './http_request.js';
import { generateMagicIds } from './magic_ids.js';
import { generateNelReport } from './nel_report.js';
import { generateNetworkAnalytics } from './network_analytics.js';
import { generateNetworkSession } from './network_session.js';
import { generateSinkholeHttp } from './sinkhole_http.js';
import { generateSpectrumEvent } from './spectrum_event.js';
import { generateWorkersTrace } from './workers_trace.js';

/** The generator of each dataset, an explicit alphabetical list like the dataset registry. */
export const GENERATORS: Readonly<Record<DatasetName, RecordGenerator>> = {
  access_request: generateAccessRequest,
  audit: generateAudit,
  casb: generateCasb,
  device_posture: generateDevicePosture,
  dns: generateDns,
  dns_firewall: generateDnsFirewall,
  firewall_event: generateFirewallEvent,
  gateway_dns: generateGatewayDns,
  gateway_http: generateGatewayHttp,
  gateway_network: generateGatewayNetwork,
  http_request: generateHttpRequest,
  magic_ids: generateMagicIds,
  nel_report: generateNelReport,
  network_analytics: generateNetworkAnalytics,
  network_session: generateNetworkSession,
  sinkhole_http: generateSinkholeHttp,
  spectrum_event: generateSpectrumEvent,
  workers_trace: generateWorkersTrace,
};
