package dev.rpcwall.compiler.source;

import static java.util.Objects.requireNonNull;

/** What a {@link SourceLoader} found at a path: the bytes, nothing, or a refusal with a reason. */
public sealed interface LoadResult {
  /** The file's bytes. */
  record Found(byte[] bytes) implements LoadResult {
    public Found {
      requireNonNull(bytes, "bytes");
    }
  }

  /** No readable file at the path. */
  record Missing() implements LoadResult {}

  /**
   * The loader will not read the path; {@code reason} completes "refused: ..." and quotes nothing
   * from the file itself.
   */
  record Refused(String reason) implements LoadResult {
    public Refused {
      requireNonNull(reason, "reason");
    }
  }
}
