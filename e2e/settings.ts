// Where this run's server listens and keeps its data: read by playwright.config.ts and by the
// fixtures (which reach the same embedded PostgreSQL). E2E_PORT / E2E_DATA_DIR keep parallel runs apart.
export const port = Number(process.env.E2E_PORT ?? 3100);
export const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e";
export const baseURL = `http://localhost:${port}`;
