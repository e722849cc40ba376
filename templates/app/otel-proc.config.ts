// otel-proc configuration ({{preset}} preset): {{presetDescription}}
// Written by `otel-proc init`; check it with `npx otel-proc validate`.
// Precedence: command-line flags > OTEL_* environment variables > this file > defaults.
// Durations are milliseconds or strings like "500ms", "5s", "1m".
// Loading a .ts config needs the "typescript" package in your project.
const config = {{objectLiteral}};

export default config;
