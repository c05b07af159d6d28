import type { RecordGenerator } from './types.js';
import { EMAILS, PATHS, USER_AGENTS } from './random.js';

/** Sites users visit, with Cloudflare content categories: [host, category ids, category names]. */
const SITES = [
  ['www.wikipedia.org', [69], ['Reference']],
  ['github.com', [115], ['Technology']],
  ['mail.google.com', [93], ['Webmail']],
  ['www.bbc.co.uk', [122], ['News & Media']],
  ['slack.com', [155], ['Business & Economy']],
  ['www.youtube.com', [164], ['Video Streaming']],
  ['cdn.example.net', [115], ['Technology']],
  ['casino.example.org', [99], ['Gambling']],
  ['malware.example.io', [117], ['Malware']],
  ['files.example.com', [154], ['File Sharing']],
] as const;

/** Gateway policies: [action, policy name]; allow-all traffic carries no policy. */
const POLICIES = [
  ['block', 'Block Gambling'], ['block', 'Block Security Threats'], ['block', 'Block malware downloads'],
  ['isolate', 'Isolate File Sharing'], ['bypass', 'Do not inspect banking'],
] as const;

/** Gateway sees people's browsers, not crawlers. */
const BROWSERS = USER_AGENTS.filter((ua) => ua.startsWith('Mozilla/') && !ua.includes('compatible;'));
const DEVICES = ['laptop-alice', 'laptop-bob', 'mbp-carol', 'ws-dave-01', 'zt-test-vm1'] as const;
const DOWNLOADS = [['invoice.pdf', 'pdf'], ['setup.exe', 'exe'], ['archive.zip', 'zip'], ['report.docx', 'docx']] as const;

/** One HTTP request filtered by Cloudflare Gateway: mostly allowed, some blocked, a few isolated. */
export const generateGatewayHttp: RecordGenerator = (random, timeMs) => {
  const [host, categoryIds, categoryNames] = random.pick(SITES);
  const risky = categoryNames[0] === 'Gambling' || categoryNames[0] === 'Malware';
  const policed = risky || random.chance(0.06);
  const [action, policyName] = policed
    ? risky ? (['block', categoryNames[0] === 'Malware' ? 'Block Security Threats' : 'Block Gambling'] as const) : random.pick(POLICIES)
    : (['allow', ''] as const);
  const user = random.int(0, EMAILS.length - 1);
  const download = action === 'block' && random.chance(0.3) ? random.pick(DOWNLOADS) : undefined;
  const https = random.chance(0.92);
  const status = action === 'block' ? random.pick([403, 302]) : random.weighted([[200, 85], [304, 6], [301, 3], [404, 5], [502, 1]] as const);
  return {
    AccountID: 'e1836771179f98aabb828da5ea69a348',
    Action: action,
    BlockedFileHash: download === undefined ? '' : random.hex(64),
    BlockedFileName: download?.[0] ?? '',
    BlockedFileReason: download === undefined ? '' : 'malware',
    BlockedFileSize: download === undefined ? 0 : random.int(1_000, 5_000_000),
    BlockedFileType: download?.[1] ?? '',
    CategoryIDs: [...categoryIds],
    CategoryNames: [...categoryNames],
    Datetime: `${new Date(timeMs).toISOString().slice(0, 19)}Z`,
    DestinationIP: random.ipv4(),
    DestinationPort: https ? 443 : 80,
    DeviceID: `083a8354-d56c-11ed-9771-6a842b100${(0xc00 + user).toString(16)}`,
    DeviceName: DEVICES[user % DEVICES.length]!,
    DownloadedFileNames: download === undefined ? [] : [download[0]],
    Email: EMAILS[user]!,
    FileInfo: download === undefined ? {} : { files: [{ name: download[0], size: random.int(1_000, 5_000_000) }] },
    HTTPHost: host,
    HTTPMethod: random.weighted([['GET', 85], ['POST', 12], ['PUT', 2], ['OPTIONS', 1]] as const),
    HTTPStatusCode: status,
    HTTPVersion: random.weighted([['HTTP/2', 65], ['HTTP/1.1', 30], ['HTTP/3', 5]] as const),
    IsIsolated: action === 'isolate',
    PolicyID: policyName === '' ? '' : random.uuid(),
    PolicyName: policyName,
    Referer: random.chance(0.4) ? `https://${host}/` : '',
    RequestID: random.hex(32),
    SourceIP: random.ipv4(),
    SourceInternalIP: `192.168.${random.int(0, 3)}.${random.int(2, 254)}`,
    SourcePort: random.int(32768, 60999),
    URL: `${https ? 'https' : 'http'}://${host}${download === undefined ? random.pick(PATHS) : `/downloads/${download[0]}`}`,
    UntrustedCertificateAction: 'none',
    UploadedFileNames: [],
    UserAgent: random.pick(BROWSERS),
    UserID: `166befbb-00e3-5e20-bd6e-2724572394${(0x9f + user).toString(16)}`,
  };
};
