import { geoNaturalEarth1, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import countries from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { MapData } from '../api-types.js';
import { formatKey, formatNumber } from './format.js';

/**
 * A choropleth world map drawn as SVG with d3-geo (Natural Earth projection) over Natural Earth's
 * 1:110m country shapes from the `world-atlas` package, served by us (/assets/countries-110m.json).
 * world-atlas identifies countries by ISO 3166-1 numeric code; our data has alpha-2 codes, which
 * `i18n-iso-countries` translates. Countries with events are focusable buttons that add a filter.
 */
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 800;
const HEIGHT = 400;
type Shapes = FeatureCollection<Geometry, { name: string }>;

let shapes: Promise<Shapes> | undefined;
function loadShapes(): Promise<Shapes> {
  shapes ??= fetch('/assets/countries-110m.json')
    .then((r) => r.json() as Promise<Topology<{ countries: GeometryCollection<{ name: string }> }>>)
    .then((topology) => feature(topology, topology.objects.countries) as Shapes);
  return shapes;
}

/** Light to dark blue by log(count), so one huge country does not wash out the rest. */
function colour(value: number, max: number): string {
  const t = max <= 1 ? 1 : Math.log1p(value) / Math.log1p(max);
  const mix = (a: number, b: number) => Math.round(a + (b - a) * (0.15 + 0.85 * t));
  return `rgb(${mix(214, 20)}, ${mix(228, 78)}, ${mix(247, 170)})`;
}

export async function drawWorldMap(container: HTMLElement, data: MapData, title: string, pick: (field: string, value: string) => void): Promise<void> {
  const world = await loadShapes();
  // Several raw values (e.g. "sa" and "SA") can name one country: add them up, click the largest.
  const byNumeric = new Map<string, { value: number; field: string; key: string; largest: number }>();
  for (const row of data.rows) {
    const numeric = countries.alpha2ToNumeric(row.key.toUpperCase());
    if (numeric === undefined) continue;
    const entry = byNumeric.get(numeric);
    if (entry === undefined) byNumeric.set(numeric, { value: row.value, field: row.field, key: row.key, largest: row.value });
    else {
      entry.value += row.value;
      if (row.value > entry.largest) Object.assign(entry, { field: row.field, key: row.key, largest: row.value });
    }
  }
  const max = Math.max(0, ...[...byNumeric.values()].map((e) => e.value));
  const projection = geoNaturalEarth1().fitSize([WIDTH, HEIGHT], world);
  const path = geoPath(projection);

  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-label', `${title}: world map, ${byNumeric.size} countries with events; the table below lists them`);
  svg.classList.add('world-map');
  for (const country of world.features) {
    const shape = document.createElementNS(SVG, 'path');
    shape.setAttribute('d', path(country) ?? '');
    const entry = country.id === undefined ? undefined : byNumeric.get(String(country.id));
    const name = country.properties.name;
    const label = document.createElementNS(SVG, 'title');
    label.textContent = entry === undefined ? name : `${name}: ${formatNumber(entry.value)} events`;
    shape.appendChild(label);
    shape.setAttribute('fill', entry === undefined ? '#eef0f3' : colour(entry.value, max));
    if (entry !== undefined) {
      shape.setAttribute('tabindex', '0');
      shape.setAttribute('role', 'button');
      shape.setAttribute('aria-label', `${formatKey(entry.key, entry.field)}: ${formatNumber(entry.value)} events. Filter on it`);
      shape.dataset.country = entry.key;
      const choose = () => pick(entry.field, entry.key);
      shape.addEventListener('click', choose);
      shape.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          choose();
        }
      });
    }
    svg.appendChild(shape);
  }
  container.replaceChildren(svg);
}
