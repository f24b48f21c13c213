package dev.rpcwall.emit.family;

import static java.util.Objects.requireNonNull;

/**
 * The facts every script header carries, whatever the family: the policy's identity on a host
 * ({@code slug}), the hex SHA-256 of the main source, the tool version, and whether the output is
 * checked before it is written; {@code confirmMinutes} is {@code --confirm-within} (0: off), which
 * only the WFAS family's dialects carry.
 */
public record ScriptHeader(
    String slug, String sourceSha256, String toolVersion, boolean verified, int confirmMinutes) {
  public ScriptHeader(String slug, String sourceSha256, String toolVersion, boolean verified) {
    this(slug, sourceSha256, toolVersion, verified, 0);
  }

  public ScriptHeader {
    requireNonNull(slug, "slug");
    requireNonNull(sourceSha256, "sourceSha256");
    requireNonNull(toolVersion, "toolVersion");
  }
}
