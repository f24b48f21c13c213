package dev.rpcwall.emit.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcwall.emit.cmd.HostRuns.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostRunsTest {
  private static final String APPLY = "@echo off\r\nreg add X\r\ntool a\r\ntool b\r\ntool c\r\nexit /b 0\r\n";

  @Test
  void eachRunGoesOnToTheNextAtItsSuccessfulEndOrWhereItIsCut() {
    String one = HostRuns.sequence(List.of(Run.whole("echo 1\r\nexit /b 0\r\n"),
        new Run("echo 2\r\necho 3\r\nexit /b 0\r\n", 1)));
    assertThat(one).isEqualTo("echo 1\r\ngoto rpcwall_host_next_0\r\n:rpcwall_host_next_0\r\n"
        + "echo 2\r\ngoto rpcwall_host_next_1\r\ngoto rpcwall_host_next_1\r\n"
        + ":rpcwall_host_next_1\r\nexit /b 0\r\n");
  }

  @Test
  void linesStartingWithCountsFromZero() {
    assertThat(HostRuns.linesStartingWith(APPLY, "tool ")).containsExactly(2, 3, 4);
    assertThat(HostRuns.linesStartingWith(APPLY, "netsh ")).isEmpty();
  }

  @Test
  void withTheStateKeptAnEarlierRunStopsAtTheMiddleCommand() {
    String host = HostRuns.applyThenRollback("O\r\n", APPLY, "tool ", true, "LOST\r\n", "R\r\n");
    assertThat(host).isEqualTo(HostRuns.sequence(List.of(Run.whole("O\r\n"), new Run(APPLY, 3),
        Run.whole(APPLY), Run.whole("R\r\n"))));
    // Without the command in the apply script there is no stopped run.
    assertThat(HostRuns.applyThenRollback("O\r\n", APPLY, "netsh ", true, "LOST\r\n", "R\r\n"))
        .isEqualTo(HostRuns.sequence(List.of(Run.whole("O\r\n"), Run.whole(APPLY),
            Run.whole("R\r\n"))));
  }

  @Test
  void withTheStateLostTheStateLostScriptRunsAfterTheApply() {
    String host = HostRuns.applyThenRollback("O\r\n", APPLY, "tool ", false, "LOST\r\n", "R\r\n");
    assertThat(host).isEqualTo(HostRuns.sequence(List.of(Run.whole("O\r\n"), Run.whole(APPLY),
        Run.whole("LOST\r\n"), Run.whole("R\r\n"))));
  }

  @Test
  void stateLostDeletesEachValue() {
    assertThat(HostRuns.stateLost("HKLM\\SOFTWARE\\rpcwall\\x", "A", "B")).isEqualTo(
        "@echo off\r\nreg delete \"HKLM\\SOFTWARE\\rpcwall\\x\" /v A /f >nul 2>&1\r\n"
            + "reg delete \"HKLM\\SOFTWARE\\rpcwall\\x\" /v B /f >nul 2>&1\r\nexit /b 0\r\n");
  }

  @Test
  void foreignWritesEachNamesLinesAndRefusesAQuote() {
    assertThat(HostRuns.foreign(List.of("a b", "c"), (name, q) -> "make " + q + " " + name + "\r\n"))
        .isEqualTo("@echo off\r\nmake \"a b\" a b\r\nmake \"c\" c\r\nexit /b 0\r\n");
    assertThatThrownBy(() -> HostRuns.foreign(List.of("a\"b"), (name, q) -> ""))
        .isInstanceOf(IllegalStateException.class);
  }
}
