package dev.rpcwall.emit.host.powershell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStates;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.emit.powershell.PowerShellReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every PowerShell script the examples compile to (the golden files, which GoldenTest keeps equal
 * to the emitter's output) reads back through the host reader to the rules the strict reader
 * reads; and so it does with the provenance header removed, through the wild reading alone: the
 * RPC registry values and the WMI port too.
 */
class EmittedScriptsReadBackTest {
  static List<Path> scripts() throws IOException {
    List<Path> out = new ArrayList<>();
    for (String dir : List.of("src/test/resources/golden", "src/test/resources/golden-confirm")) {
      try (Stream<Path> s = Files.walk(Path.of(dir))) {
        s.filter(p -> p.toString().endsWith(".ps1")).sorted().forEach(out::add);
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyEmittedScriptReadsAsTheStrictReaderReadsIt() throws IOException {
    List<Path> all = scripts();
    assertThat(all).hasSizeGreaterThanOrEqualTo(10);
    return all.stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> check(p)));
  }

  private static void check(Path p) throws IOException {
    String text = PowerShellHostFixturesTest.decode(Files.readAllBytes(p));
    SourceFile file = new SourceFile(p.getFileName().toString(), text);
    Result<WfasRuleSet> strict = new PowerShellReader().read(file);
    assertThat(strict.diagnostics()).as("the strict reader reads %s", p).isEmpty();
    HostState expected = new HostState();
    HostStates.apply(strict.orElseThrow(), file.spanAt(0, 0), expected);

    PowerShellHostFixturesTest.Recorder netsh = new PowerShellHostFixturesTest.Recorder();
    HostState viaReader = new HostState();
    List<HostNote> notes = new ArrayList<>();
    PowerShellHostReader reader = new PowerShellHostReader(netsh);
    assertThat(reader.recognise(text)).isEqualTo(95);
    reader.read(file, viaReader, notes);
    assertThat(notes).isEmpty();
    assertThat(viaReader.rules()).isEqualTo(expected.rules());
    assertThat(HostRender.lines(viaReader)).isEqualTo(HostRender.lines(expected));

    // The same script without its header: the wild reading alone.
    String bare = text.replaceFirst("^\uFEFF?# rpcwall", "# edited");
    SourceFile edited = new SourceFile(file.name(), bare);
    assertThat(PowerShellHostReader.generated(bare)).isFalse();
    HostState wild = new HostState();
    List<HostNote> wildNotes = new ArrayList<>();
    reader.read(edited, wild, wildNotes);
    List<WfasRule> wildRules = wild.rules().stream().map(HostRule::rule).toList();
    List<WfasRule> strictRules = strict.orElseThrow().rules();
    if (!p.getFileName().toString().matches(".*-(rollback|confirm)\\.ps1")) {
      assertThat(strictRules).as("an apply script creates rules").isNotEmpty();
    }
    assertThat(wildRules).as("wild reading of %s (notes %s)", p, wildNotes)
        .isEqualTo(strictRules);
    assertThat(wild.rules()).allMatch(r -> r.store() == HostStore.LOCAL);
    assertThat(wildNotes).noneMatch(n -> n.category().equals(HostNote.INVALID_RULE));
    assertThat(values(wild)).as("registry values of %s (notes %s)", p, wildNotes)
        .isEqualTo(values(expected));
    assertThat(wild.wmiFixedPort().map(w -> w.value()))
        .isEqualTo(expected.wmiFixedPort().map(w -> w.value()));
    assertThat(netsh.lines).isEmpty();
  }

  private static List<String> values(HostState h) {
    return h.rpcInternet().values().stream()
        .map(v -> v.name() + " " + v.type() + " " + v.data())
        .toList();
  }
}
