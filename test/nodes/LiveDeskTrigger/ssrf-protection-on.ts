// Imported first by ssrf-protection.test.ts: n8n reads its SSRF settings when the engine starts.
// Jest gives each test file its own process.env, so no other file sees these.
process.env.N8N_SSRF_PROTECTION_ENABLED = 'true';
