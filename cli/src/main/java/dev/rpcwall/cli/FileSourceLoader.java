package dev.rpcwall.cli;

import dev.rpcwall.compiler.source.LoadResult;
import dev.rpcwall.compiler.source.SourceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads policy files from the file system; the only place the compiler's input touches disk. Every
 * path is resolved to its real path (all links followed) and read only when that lies inside the
 * root directory, so a link in a policy repository cannot make rpcwall read, and print, a file
 * elsewhere on the machine. What is read is the real path that was checked.
 */
final class FileSourceLoader implements SourceLoader {
  /** Larger inputs are refused rather than read: no policy is anywhere near this size. */
  static final long MAX_BYTES = 512L * 1024 * 1024;

  private final Path root;

  /** A loader that reads only inside {@code realRoot}, which must be a real path. */
  FileSourceLoader(Path realRoot) {
    this.root = realRoot;
  }

  @Override
  public Optional<byte[]> load(String path) {
    return read(path) instanceof LoadResult.Found found
        ? Optional.of(found.bytes())
        : Optional.empty();
  }

  @Override
  public LoadResult read(String path) {
    try {
      Path real = Path.of(path).toRealPath();
      if (!real.startsWith(root)) {
        return new LoadResult.Refused(
            "it leads to '" + real + "', outside the policy root '" + root + "'");
      }
      // Not a regular file: a directory, or a device or FIFO that could block or never end.
      if (!Files.isRegularFile(real) || Files.size(real) > MAX_BYTES) {
        return new LoadResult.Missing();
      }
      return new LoadResult.Found(Files.readAllBytes(real));
    } catch (IOException | InvalidPathException | SecurityException e) {
      return new LoadResult.Missing();
    }
  }
}
