package dev.rpcwall.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a group of files so that either all appear complete or none changes: each goes to a
 * temporary file in its target directory first, and only when every temporary file is written are
 * they moved into place. Nothing is left behind on failure.
 *
 * <p>A file that is replaced keeps its permissions, and a new file gets the permissions the user's
 * umask gives: {@code fmt} must not make a shared policy file private, nor {@code compile} make
 * scripts unreadable to the deployment account.
 */
final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  static void writeAll(Map<Path, byte[]> files) throws IOException {
    Map<Path, Path> staged = new LinkedHashMap<>();
    try {
      for (Map.Entry<Path, byte[]> e : files.entrySet()) {
        Path target = e.getKey().toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = newTemporary(dir);
        staged.put(tmp, target);
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
          out.write(e.getValue());
        }
        keepPermissions(target, tmp);
      }
      for (Map.Entry<Path, Path> e : staged.entrySet()) {
        move(e.getKey(), e.getValue());
      }
      staged.clear();
    } finally {
      for (Path tmp : staged.keySet()) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * An empty new file in {@code dir}. Unlike {@link Files#createTempFile}, which always
   * makes the file private (0600), this creates it with the default permissions, so the umask
   * applies.
   */
  private static Path newTemporary(Path dir) throws IOException {
    for (int attempt = 0; ; attempt++) {
      byte[] suffix = new byte[8];
      RANDOM.nextBytes(suffix);
      // Not built from the target's name: that may already be near the 255-character limit.
      Path tmp = dir.resolve(".rpcwall-" + HexFormat.of().formatHex(suffix) + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt >= 10) {
          throw e;
        }
      }
    }
  }

  private static void keepPermissions(Path target, Path tmp) throws IOException {
    PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class);
    PosixFileAttributeView now = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
    if (old == null || now == null || !Files.isRegularFile(target)) {
      return;
    }
    now.setPermissions(old.readAttributes().permissions());
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
