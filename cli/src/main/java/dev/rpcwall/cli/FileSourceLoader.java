package dev.rpcwall.cli;

import dev.rpcwall.compiler.source.SourceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Loads policy files from the file system; the only place the compiler's input touches disk. */
final class FileSourceLoader implements SourceLoader {
  /** Larger inputs are refused rather than read: no policy is anywhere near this size. */
  static final long MAX_BYTES = 512L * 1024 * 1024;

  @Override
  public Optional<byte[]> load(String path) {
    try {
      Path p = Path.of(path);
      if (!Files.isRegularFile(p) || Files.size(p) > MAX_BYTES) {
        return Optional.empty();
      }
      return Optional.of(Files.readAllBytes(p));
    } catch (IOException | InvalidPathException | SecurityException e) {
      return Optional.empty();
    }
  }
}
