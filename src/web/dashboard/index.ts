// The built-in dashboards: catalogue, panel queries, search, ingest status, sign-in and the browser bundle.
export { createDashboard, type Dashboard, type DashboardSettings } from './routes.js';
export { PAGES, findPage, datasetsOfPage } from './catalogue/index.js';
export { panelQuery, type Scope } from './query/panel-sql.js';
export { runPanel, type QueryRunner } from './query/panel-data.js';
export { DASHBOARD_DIST } from './static.js';
export type * from './api-types.js';
