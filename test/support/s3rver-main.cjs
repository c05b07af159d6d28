// Runs s3rver (the S3-compatible server from npm) in its own process for test/support/s3rver.ts.
// s3rver encrypts ListObjectsV2 continuation tokens with DES, which Node 20's OpenSSL 3 only offers with
// --openssl-legacy-provider; that flag is given to this process alone, never to the collector under test.
const S3rver = require('s3rver');

const [directory, ...buckets] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: buckets.map((name) => ({ name })),
});
server.run().then(
  ({ port }) => process.stdout.write(`${JSON.stringify({ port })}\n`),
  (error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
process.on('SIGTERM', () => server.close().finally(() => process.exit(0)));
