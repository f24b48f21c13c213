package dev.rpcwall.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private void assumePosix() {
    assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null);
  }

  @Test
  void writeAll_existingFile_keepsItsPermissions() throws IOException {
    assumePosix();
    Path file = dir.resolve("policy.rpcwall");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    AtomicFiles.writeAll(Map.of(file, "new".getBytes(StandardCharsets.UTF_8)));

    assertThat(Files.readString(file)).isEqualTo("new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void writeAll_newFile_getsTheSamePermissionsAsAnyNewFile() throws IOException {
    assumePosix();
    Path reference = Files.createFile(dir.resolve("reference"));
    Path file = dir.resolve("out/policy.cmd");

    AtomicFiles.writeAll(Map.of(file, "x".getBytes(StandardCharsets.UTF_8)));

    // The umask decides, as for any file the user creates; never forced private.
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(Files.getPosixFilePermissions(reference));
  }

  @Test
  void writeAll_success_leavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("a.ps1");
    AtomicFiles.writeAll(Map.of(file, "x".getBytes(StandardCharsets.UTF_8)));
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("a.ps1");
    }
  }

  @Test
  void writeAll_aLaterTargetCannotBePlaced_putsTheEarlierOnesBack() throws IOException {
    Path existing = Files.writeString(dir.resolve("p.cmd"), "old");
    Path fresh = dir.resolve("p-rollback.cmd");
    Path blocked = dir.resolve("p.ps1");
    Files.createDirectories(blocked);
    Files.writeString(blocked.resolve("inside"), "keep");
    Map<Path, byte[]> files = new java.util.LinkedHashMap<>();
    files.put(existing, "new".getBytes(StandardCharsets.UTF_8));
    files.put(fresh, "new".getBytes(StandardCharsets.UTF_8));
    files.put(blocked, "new".getBytes(StandardCharsets.UTF_8));

    AtomicFiles.WriteFailure failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            AtomicFiles.WriteFailure.class, () -> AtomicFiles.writeAll(files));

    assertThat(failure.notRestored()).isEmpty();
    assertThat(failure.reason().getMessage()).contains("is a directory");
    assertThat(Files.readString(existing)).isEqualTo("old");
    assertThat(fresh).doesNotExist();
    assertThat(Files.readString(blocked.resolve("inside"))).isEqualTo("keep");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("p.cmd", "p.ps1");
    }
  }

  @Test
  void writeAll_replacedFiles_keepNoAsideCopy() throws IOException {
    Path a = Files.writeString(dir.resolve("a.cmd"), "old");
    Path b = Files.writeString(dir.resolve("b.cmd"), "old");
    Map<Path, byte[]> files = new java.util.LinkedHashMap<>();
    files.put(a, "new a".getBytes(StandardCharsets.UTF_8));
    files.put(b, "new b".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.writeAll(files);
    assertThat(Files.readString(a)).isEqualTo("new a");
    assertThat(Files.readString(b)).isEqualTo("new b");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.cmd", "b.cmd");
    }
  }
}
