package dev.rpcwall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCommandTest {
  @TempDir Path dir;

  @Test
  void compile_outputDirectoryIsAFile_isUsageErrorAndWritesNothing() throws IOException {
    Path notADir = Files.writeString(dir.resolve("taken"), "x");

    CliRunner.Run run =
        CliRunner.run("compile", CliRunner.example("kb-rpc-5001-5021.rpcwall"), "--target", "all",
            "-o", notADir.toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err()).contains("cannot write").contains(notADir.toString())
        .doesNotContain("internal error").doesNotContain("Exception");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s).containsExactly(notADir);
    }
  }

  @Test
  void compile_allTargets_writesFourScripts() throws IOException {
    Path out = dir.resolve("out");

    CliRunner.Run run =
        CliRunner.run("compile", CliRunner.example("kb-rpc-5001-5021.rpcwall"), "--target", "all",
            "-o", out.toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.OK);
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("kb-rpc-5001-5021.cmd", "kb-rpc-5001-5021-rollback.cmd",
              "kb-rpc-5001-5021.ps1", "kb-rpc-5001-5021-rollback.ps1");
    }
  }
}
