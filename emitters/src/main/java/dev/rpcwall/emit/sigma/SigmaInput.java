package dev.rpcwall.emit.sigma;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.target.Slug;

/**
 * What the Sigma target needs: the policy's decision function (the rules are computed from it,
 * never from the rules as written), the base of the file names ({@link Slug#fileBase}), the slug
 * (rule names for correlation), and the header facts.
 */
public record SigmaInput(
    DecisionMap map, String fileBase, String slug, String sourceSha256, String toolVersion) {
  public SigmaInput {
    requireNonNull(map, "map");
    requireNonNull(fileBase, "fileBase");
    requireNonNull(slug, "slug");
    requireNonNull(sourceSha256, "sourceSha256");
    requireNonNull(toolVersion, "toolVersion");
  }

  public static SigmaInput of(DecisionMap map, String sourceSha256, String toolVersion) {
    String name = map.policy().name();
    return new SigmaInput(map, Slug.fileBase(name), Slug.of(name), sourceSha256, toolVersion);
  }
}
