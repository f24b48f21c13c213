package dev.rpcwall.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a group of files so that either all appear complete or none changes: each goes to a
 * temporary file in its target directory first, and only when every temporary file is written are
 * they moved into place. If one cannot be placed, those placed before it are put back as they were
 * (issue 11 point 6: a failed compile must not leave {@code p.cmd} replaced and {@code p.ps1} old).
 * Nothing is left behind on failure.
 *
 * <p>A file that is replaced keeps its permissions, and a new file gets the permissions the user's
 * umask gives: {@code fmt} must not make a shared policy file private, nor {@code compile} make
 * scripts unreadable to the deployment account.
 */
final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  /**
   * Writing failed, and the files were put back as they were, except {@link #notRestored}: those
   * kept the new content (or, for a file that did not exist, are still there) because putting them
   * back failed too. The message of the cause says why the write failed.
   */
  static final class WriteFailure extends IOException {
    private final List<Path> notRestored;

    WriteFailure(IOException cause, List<Path> notRestored) {
      super(cause.getMessage(), cause);
      this.notRestored = List.copyOf(notRestored);
    }

    /** The files that could not be put back; empty when nothing changed on disk. */
    List<Path> notRestored() {
      return notRestored;
    }

    /** Why the write failed. */
    IOException reason() {
      return (IOException) getCause();
    }
  }

  /**
   * Writes every file or none: the new contents go to temporary files first; then each target
   * that exists is renamed aside and its temporary file renamed into place. If any step fails,
   * the targets placed so far are put back (renamed back, or removed if they did not exist), and
   * {@link WriteFailure} says what could not be put back, if anything.
   */
  static void writeAll(Map<Path, byte[]> files) throws IOException {
    Map<Path, Path> staged = new LinkedHashMap<>();
    // target -> its earlier file renamed aside, or null when there was none
    Map<Path, Path> placed = new LinkedHashMap<>();
    boolean done = false;
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
      try {
        for (Map.Entry<Path, Path> e : staged.entrySet()) {
          Path target = e.getValue();
          if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileSystemException(target.toString(), null, "is a directory");
          }
          Path aside = null;
          if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            aside = newName(target.getParent());
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
          }
          placed.put(target, aside);
          move(e.getKey(), target);
        }
      } catch (IOException | RuntimeException failure) {
        List<Path> notRestored = restore(placed);
        IOException reason = failure instanceof IOException io ? io : new IOException(failure);
        throw new WriteFailure(reason, notRestored);
      }
      done = true;
      for (Path aside : placed.values()) {
        if (aside != null) {
          Files.deleteIfExists(aside);
        }
      }
    } finally {
      for (Path tmp : staged.keySet()) {
        if (!done) {
          Files.deleteIfExists(tmp);
        }
      }
    }
  }

  /** Puts every placed target back as it was, newest first; returns those that could not be. */
  private static List<Path> restore(Map<Path, Path> placed) {
    List<Path> failed = new ArrayList<>();
    List<Map.Entry<Path, Path>> entries = new ArrayList<>(placed.entrySet());
    for (int i = entries.size() - 1; i >= 0; i--) {
      Path target = entries.get(i).getKey();
      Path aside = entries.get(i).getValue();
      try {
        if (aside == null) {
          Files.deleteIfExists(target);
        } else {
          Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException | RuntimeException e) {
        failed.add(target);
      }
    }
    return failed;
  }

  /**
   * An empty new file in {@code dir}. Unlike {@link Files#createTempFile}, which always
   * makes the file private (0600), this creates it with the default permissions, so the umask
   * applies.
   */
  private static Path newTemporary(Path dir) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp = newName(dir);
      try {
        return Files.createFile(tmp);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt >= 10) {
          throw e;
        }
      }
    }
  }

  /** A name in {@code dir} for a temporary or renamed-aside file, not built from the target's. */
  private static Path newName(Path dir) {
    byte[] suffix = new byte[8];
    RANDOM.nextBytes(suffix);
    // Not built from the target's name: that may already be near the 255-character limit.
    return dir.resolve(".rpcwall-" + HexFormat.of().formatHex(suffix) + ".tmp");
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
