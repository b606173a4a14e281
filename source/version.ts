// Kept in step with package.json by test/unit/version.test.ts; a JSON import would
// pull the whole package.json into the bundle.
export const version = '0.1.0';
