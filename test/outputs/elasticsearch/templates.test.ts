/**
 * The generated index templates: every field of all 18 field lists is mapped with its ECS type, and the
 * templates install on Elasticsearch 8/9 and OpenSearch 2 test servers that check shapes, types and
 * parameters as those versions do.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mappedDatasets, type EcsFieldType } from '../../../src/datasets/index.js';
import { createClusterClient } from '../../../src/outputs/elasticsearch/client.js';
import { applySetup, planSetup } from '../../../src/outputs/elasticsearch/setup.js';
import { indexTemplate, mappingsComponent, settingsComponent } from '../../../src/outputs/elasticsearch/templates.js';
import { EsTestServer } from '../../support/es-server.js';
import { clusterConfig } from '../../support/es-output.js';

/** The cluster type each ECS type must become, written out here rather than derived from the code. */
const EXPECTED: Record<'elasticsearch' | 'opensearch', Record<string, string>> = {
  elasticsearch: {
    keyword: 'keyword', constant_keyword: 'constant_keyword', wildcard: 'wildcard', match_only_text: 'match_only_text', text: 'text',
    long: 'long', double: 'double', float: 'float', boolean: 'boolean', date: 'date', ip: 'ip', geo_point: 'geo_point',
    flattened: 'flattened', object: 'flattened',
  },
  opensearch: {
    keyword: 'keyword', constant_keyword: 'keyword', wildcard: 'keyword', match_only_text: 'text', text: 'text',
    long: 'long', double: 'double', float: 'float', boolean: 'boolean', date: 'date', ip: 'ip', geo_point: 'geo_point',
    flattened: 'flat_object', object: 'flat_object',
  },
};

/** The mapping of a dotted field in nested properties, or undefined. */
function lookup(properties: Record<string, any>, field: string): Record<string, any> | undefined {
  const parts = field.split('.');
  let node: Record<string, any> | undefined = { properties };
  for (const part of parts) node = node?.properties?.[part];
  return node;
}

describe('index templates', () => {
  for (const flavor of ['elasticsearch', 'opensearch'] as const) {
    it(`maps every field of all 18 field lists with its ECS type on ${flavor}`, () => {
      const wrong: string[] = [];
      let checked = 0;
      for (const dataset of mappedDatasets()) {
        const properties = (mappingsComponent(dataset, flavor) as any).template.mappings.properties;
        for (const [field, ecsType] of Object.entries(dataset.mapping.fields) as [string, EcsFieldType][]) {
          const want = EXPECTED[flavor][ecsType.replace('[]', '')];
          const got = lookup(properties, field)?.type;
          checked++;
          if (got !== want) wrong.push(`${dataset.name}: ${field} is ${got ?? 'unmapped'}, want ${want} (${ecsType})`);
        }
      }
      assert.deepEqual(wrong, []);
      assert.ok(checked > 1000, `checked ${checked} fields`);
    });
  }

  it('follows ECS where it adds to the type: .text multi-fields, event.original not indexed', () => {
    const http = mappedDatasets().find((d) => d.name === 'http_request')!;
    const properties = (mappingsComponent(http, 'elasticsearch') as any).template.mappings.properties;
    assert.deepEqual(lookup(properties, 'url.original'), { type: 'wildcard', fields: { text: { type: 'match_only_text' } } });
    assert.deepEqual(lookup(properties, 'user_agent.original'), { type: 'keyword', ignore_above: 1024, fields: { text: { type: 'match_only_text' } } });
    assert.deepEqual(lookup(properties, 'event.original'), { type: 'keyword', index: false, doc_values: false });
    assert.deepEqual(lookup(properties, 'error.message'), { type: 'match_only_text' });
    const settings = (settingsComponent('elasticsearch') as any).template;
    assert.equal(lookup(settings.mappings.properties, 'data_stream.dataset')!.type, 'constant_keyword');
    assert.equal(settings.settings.index.lifecycle.name, 'logpush-collector');
    assert.equal((settingsComponent('opensearch') as any).template.settings.index.lifecycle, undefined);
  });

  it('targets the reference data streams below the integration\'s priority', () => {
    const template = indexTemplate('gateway_dns') as any;
    assert.deepEqual(template.index_patterns, ['logs-cloudflare_logpush.gateway_dns-*']);
    assert.deepEqual(template.composed_of, ['logpush-collector@settings', 'logpush-collector.gateway_dns@mappings']);
    assert.equal(template.priority, 150);
    assert.deepEqual(template.data_stream, {});
    assert.match(template._meta.hash, /^[0-9a-f]{16}$/);
  });

  const clusters = [
    { flavor: 'elasticsearch', version: '8.0.0' },
    { flavor: 'elasticsearch', version: '8.15.0' },
    { flavor: 'elasticsearch', version: '9.1.0' },
    { flavor: 'opensearch', version: '2.7.0' },
    { flavor: 'opensearch', version: '2.19.0' },
  ] as const;
  for (const { flavor, version } of clusters) {
    it(`installs on ${flavor} ${version}, whose server checks every type, parameter and setting`, async () => {
      const server = await EsTestServer.start({ flavor, version });
      const client = createClusterClient(clusterConfig(server));
      try {
        const plan = await planSetup(client, clusterConfig(server), mappedDatasets());
        assert.equal(plan.steps.length, 2 + 2 * 18);
        await applySetup(client, plan);
        assert.equal(server.indexTemplates.size, 18);
        assert.equal(server.componentTemplates.size, 19);
        assert.equal((flavor === 'elasticsearch' ? server.ilmPolicies : server.ismPolicies).size, 1);
      } finally {
        await client.close();
        await server.close();
      }
    });
  }

  it('is refused by OpenSearch 2.7 when given the Elasticsearch types (the check can fail)', async () => {
    const server = await EsTestServer.start({ flavor: 'opensearch', version: '2.7.0' });
    const client = createClusterClient(clusterConfig(server));
    try {
      const http = mappedDatasets().find((d) => d.name === 'http_request')!;
      const answer = await client.request({ method: 'PUT', path: '/_component_template/x', body: mappingsComponent(http, 'elasticsearch') });
      assert.equal(answer.statusCode, 400);
      assert.match(answer.body.error.reason, /No handler for type \[(flattened|match_only_text|wildcard)\]/);
      const settings = await client.request({ method: 'PUT', path: '/_component_template/y', body: settingsComponent('elasticsearch') });
      assert.equal(settings.statusCode, 400);
      assert.match(settings.body.error.reason, /unknown setting \[index\.lifecycle\.name\]/);
    } finally {
      await client.close();
      await server.close();
    }
  });
});
