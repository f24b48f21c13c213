package dev.rpcwall.cli;

import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.Resolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --root DIR}, shared by every command that reads policies: the directory tree inside which
 * policy files and their imports are read. Without it, each file named on the command line is its
 * own root's anchor: it and its imports are read only inside its directory. A path, {@code ..} or
 * link that leads outside the root is refused (docs/language.md, "Imports").
 */
final class RootOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  private Path root;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description =
          "Read policy files and their imports only inside DIR (default: the directory of each"
              + " policy file). Imports may then use '..' up to DIR.")
  void setRoot(Path dir) {
    try {
      root = dir.toRealPath();
    } catch (IOException | InvalidPathException | SecurityException e) {
      throw new ParameterException(spec.commandLine(), "--root " + dir + ": no such directory");
    }
    if (!Files.isDirectory(root)) {
      throw new ParameterException(spec.commandLine(), "--root " + dir + ": not a directory");
    }
  }

  /** {@link Compiler#analyze} of {@code file}, reading only inside the root. */
  Analysis analyze(String file) {
    return Compiler.analyze(loader(file), file, importRoot(file));
  }

  /**
   * {@link Compiler#resolveWithSources} of {@code file}, reading only inside the root: the policy
   * without the warnings-only checks of {@link #analyze} (for commands that need only its meaning).
   */
  Resolution resolve(String file) {
    return Compiler.resolveWithSources(loader(file), file, importRoot(file));
  }

  /** A loader that reads {@code file}, and files it names, only inside the root. */
  FileSourceLoader loader(String file) {
    return new FileSourceLoader(realRoot(file));
  }

  private Path realRoot(String file) {
    if (root != null) {
      return root;
    }
    try {
      Path parent = Path.of(file).toAbsolutePath().getParent();
      return parent == null ? Path.of(file).toAbsolutePath() : parent.toRealPath();
    } catch (IOException | InvalidPathException | SecurityException e) {
      // The file's directory does not exist, so neither does the file: reading it will say so.
      return Path.of("").toAbsolutePath();
    }
  }

  /**
   * The root in the terms the compiler joins import paths in, which start from {@code file} as
   * written: its directory plus one {@code ..} for each level it lies below the root. Null (the
   * file's own directory) without {@code --root}, or when the file is not inside the root, where
   * the loader refuses it anyway.
   */
  private String importRoot(String file) {
    if (root == null) {
      return null;
    }
    Path dir;
    try {
      Path absolute = Path.of(file).toAbsolutePath();
      if (absolute.getParent() == null) {
        return null;
      }
      dir = absolute.getParent().toRealPath();
    } catch (IOException | InvalidPathException | SecurityException e) {
      return null;
    }
    if (!dir.startsWith(root)) {
      return null;
    }
    int depth = dir.equals(root) ? 0 : root.relativize(dir).getNameCount();
    Path writtenParent = Path.of(file).getParent();
    StringBuilder b = new StringBuilder(writtenParent == null ? "" : writtenParent.toString());
    for (int i = 0; i < depth; i++) {
      b.append(b.length() == 0 ? ".." : "/..");
    }
    return b.toString();
  }
}
