package dev.rpcwall.cli;

/** {@code --format}: human text or machine JSON. */
enum OutputFormat {
  text,
  json
}
