package dev.rpcwall.compiler.source;

import java.util.Optional;

/**
 * Loads the bytes of a policy file by the path a user or an {@code import} statement names. The
 * compiler never touches the file system itself; the CLI supplies the file-system implementation
 * and tests supply maps.
 */
@FunctionalInterface
public interface SourceLoader {
  /** The file's bytes, or empty when there is no such file (an I/O failure counts as missing). */
  Optional<byte[]> load(String path);

  /**
   * The file's bytes, or why there are none. A loader that confines reading to a directory tree
   * overrides this to refuse, rather than read, a path that leads outside it (through a link, for
   * instance); the compiler reads every file through this method.
   */
  default LoadResult read(String path) {
    return load(path).<LoadResult>map(LoadResult.Found::new).orElseGet(LoadResult.Missing::new);
  }
}
