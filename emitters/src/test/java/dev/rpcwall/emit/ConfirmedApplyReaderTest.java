package dev.rpcwall.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.emit.confirm.ConfirmedApply;
import dev.rpcwall.emit.confirm.ConfirmedApply.RevertTask;
import dev.rpcwall.emit.confirm.ConfirmedApply.TaskEffects;
import dev.rpcwall.emit.netsh.NetshReader;
import dev.rpcwall.emit.powershell.PowerShellReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * The readers' side of confirmed apply: the task the emitted scripts register reads back with the
 * minutes, account and command written, for every accepted number of minutes; only the forms the
 * scripts use are read.
 */
class ConfirmedApplyReaderTest {
  private static final Analysis EXAMPLE = ConfirmedApplyTest.analysis(ConfirmedApplyTest.EXAMPLE);

  private static TaskEffects tasks(TargetId id, EmittedFile f) {
    String text = ConfirmedApplyTest.text(f);
    Result<TaskEffects> r = id == TargetId.NETSH
        ? new NetshReader().tasks(new SourceFile(f.name(), text))
        : new PowerShellReader().tasks(new SourceFile(f.name(), text));
    assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
    return r.orElseThrow();
  }

  private static void roundTrip(int minutes) {
    ScriptInput in = ConfirmedApplyTest.input(EXAMPLE, minutes);
    String path = ConfirmedApply.taskPath(in.slug());
    for (TargetId id : List.of(TargetId.NETSH, TargetId.POWERSHELL)) {
      List<EmittedFile> files = Targets.wfas().get(id).emitter().emit(in);
      String rollbackName = files.get(1).name();
      assertThat(tasks(id, files.get(0)).created())
          .as(id + " " + minutes)
          .containsExactly(new RevertTask(path, minutes, "SYSTEM",
              ConfirmedApply.protectedCopy(in.slug(), rollbackName)));
      assertThat(tasks(id, files.get(0)).deleted()).isEmpty();
      assertThat(tasks(id, files.get(1))).isEqualTo(new TaskEffects(List.of(), List.of(path)));
      assertThat(tasks(id, files.get(2))).isEqualTo(new TaskEffects(List.of(), List.of(path)));
    }
  }

  @Test
  void tasks_everyAcceptedMinute_readBackAsWritten() {
    Seeded.check(qt -> qt.withExamples(60)
        .forAll(SourceDSL.integers().between(ConfirmedApply.MIN_MINUTES, ConfirmedApply.MAX_MINUTES))
        .checkAssert(ConfirmedApplyReaderTest::roundTrip));
  }

  @Test
  void tasks_boundaries_readBackAsWritten() {
    // /sc minute takes /mo 1 to 1439; a day is /sc daily.
    for (int m : new int[] {1, 2, 1438, 1439, 1440}) {
      roundTrip(m);
    }
    assertThat(ConfirmedApply.validMinutes(0)).isFalse();
    assertThat(ConfirmedApply.validMinutes(1)).isTrue();
    assertThat(ConfirmedApply.validMinutes(1440)).isTrue();
    assertThat(ConfirmedApply.validMinutes(1441)).isFalse();
  }

  @Test
  void tasks_withoutConfirmWithin_noneRegisteredOrDeleted() {
    ScriptInput in = ConfirmedApplyTest.input(EXAMPLE, 0);
    for (TargetId id : List.of(TargetId.NETSH, TargetId.POWERSHELL)) {
      List<EmittedFile> files = Targets.wfas().get(id).emitter().emit(in);
      assertThat(files).hasSize(2);
      assertThat(tasks(id, files.get(0))).isEqualTo(TaskEffects.none());
      assertThat(tasks(id, files.get(1))).isEqualTo(TaskEffects.none());
    }
  }

  private static List<String> netshErrors(String line) {
    String script = "@echo off\r\n" + line + "\r\nexit /b 0\r\n";
    Result<TaskEffects> r = new NetshReader().tasks(new SourceFile("t.cmd", script));
    return r.diagnostics().stream().map(Diagnostic::message).toList();
  }

  @Test
  void netshReader_otherSchtasksForms_areNotRead() {
    String tr = " /tr %%ProgramFiles%%\\rpcwall\\p\\p-rollback.cmd /ru SYSTEM";
    // A start time or date is in the host's locale format: never read.
    assertThat(netshErrors("schtasks /create /tn \"rpcwall\\p-revert\"" + tr
        + " /sc once /st 10:00 /f")).isNotEmpty();
    assertThat(netshErrors("schtasks /create /tn \"rpcwall\\p-revert\"" + tr
        + " /sc minute /mo 5 /sd 01/02/2030 /f")).isNotEmpty();
    assertThat(netshErrors("schtasks /create /tn \"rpcwall\\p-revert\"" + tr
        + " /sc minute /mo 1440 /f")).isNotEmpty();
    assertThat(netshErrors("schtasks /create /tn \"rpcwall\\p-revert\"" + tr + " /sc minute /mo 5"))
        .as("without /f a pending task is not replaced").isNotEmpty();
    assertThat(netshErrors("schtasks /create /tn \"rpcwall\\p-revert\" /tr \"%TEMP%\\x.cmd\""
        + " /ru SYSTEM /sc minute /mo 5 /f")).as("a command known only on the host").isNotEmpty();
    assertThat(netshErrors("schtasks /run /tn \"rpcwall\\p-revert\"")).isNotEmpty();
    assertThat(netshErrors("schtasks /create /tn \"rpcwall\\p-revert\"" + tr
        + " /sc minute /mo 5 /f")).isEmpty();
    assertThat(netshErrors("schtasks /delete /tn \"rpcwall\\p-revert\" /f >nul 2>&1")).isEmpty();
    assertThat(netshErrors("schtasks /query /tn \"rpcwall\\p-revert\" >nul 2>&1")).isEmpty();
    // copy: only into a policy's folder below Program Files.
    assertThat(netshErrors("copy /y \"%~dp0p-rollback.cmd\" \"%ProgramFiles%\\rpcwall\\p\\p-rollback.cmd\" >nul"))
        .isEmpty();
    assertThat(netshErrors("copy /y a.cmd \"%ProgramFiles%\\rpcwall\\..\\x.cmd\"")).isNotEmpty();
    assertThat(netshErrors("copy /y a.cmd \"%TEMP%\\x.cmd\"")).isNotEmpty();
    assertThat(netshErrors("copy a b")).isNotEmpty();
  }

  @Test
  void netshReader_registrationAfterRuleAdd_isAnError() {
    String script = "@echo off\r\n"
        + "netsh advfirewall firewall add rule name=\"x\" dir=in action=block protocol=tcp"
        + " localport=135 remoteip=any profile=any enable=yes\r\n"
        + "schtasks /create /tn \"rpcwall\\p-revert\" /tr %%ProgramFiles%%\\rpcwall\\p\\r.cmd"
        + " /ru SYSTEM /sc minute /mo 5 /f\r\nexit /b 0\r\n";
    Result<?> r = new NetshReader().read(new SourceFile("t.cmd", script));
    assertThat(r.hasErrors()).isTrue();
    assertThat(r.diagnostics()).anyMatch(d -> d.message().contains("registered after a command"));
  }
}
