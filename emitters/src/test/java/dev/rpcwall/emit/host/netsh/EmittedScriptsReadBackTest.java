package dev.rpcwall.emit.host.netsh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStates;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.Compilation;
import dev.rpcwall.emit.netsh.NetshReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every netsh script the examples compile to (apply and rollback) reads back through the wild
 * reading ({@link BatchRun}, which the provenance header would otherwise skip) to the same rules,
 * RPC values and WMI port as the strict {@link NetshReader} gives; and through {@link
 * NetshScriptReader} (strict first) to the same state with no note.
 */
class EmittedScriptsReadBackTest {
  static List<Path> examples() throws IOException {
    Path dir = Path.of(System.getProperty("rpcwall.examples", "../examples"));
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().matches(".*\\.(rpcwall|ya?ml)$")).sorted().toList();
    }
  }

  private static Optional<byte[]> load(Path p) {
    try {
      return Optional.of(Files.readAllBytes(p));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @TestFactory
  Stream<DynamicTest> emittedNetshScripts_readBackLikeTheStrictReader() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path example : examples()) {
      String name = "examples/" + example.getFileName();
      Path root = example.getParent().getParent();
      Analysis analysis = Compiler.analyze(p -> load(root.resolve(p)), name);
      assertThat(analysis.hasErrors()).as(analysis.diagnostics().toString()).isFalse();
      Compilation.Output out = Compilation.compile(analysis.decisionMap().orElseThrow(),
          analysis.mainBytes(), EnumSet.of(TargetId.NETSH), Compilation.Options.defaults());
      assertThat(out.hasErrors()).as(out.diagnostics().toString()).isFalse();
      List<EmittedFile> scripts = out.files().stream().filter(f -> f.name().endsWith(".cmd")).toList();
      assertThat(scripts).as("netsh scripts of " + name).hasSize(2);
      for (EmittedFile f : scripts) {
        tests.add(DynamicTest.dynamicTest(example.getFileName() + " " + f.name(), () -> check(f)));
      }
    }
    return tests.stream();
  }

  private static void check(EmittedFile f) {
    SourceFile file = new SourceFile(f.name(), new String(f.bytes(), StandardCharsets.UTF_8));
    Result<WfasRuleSet> strict = new NetshReader().read(file);
    assertThat(strict.hasErrors()).as(strict.diagnostics().toString()).isFalse();
    HostState expected = new HostState();
    HostStates.apply(strict.value().orElseThrow(), SourceSpan.at(f.name(), 1, 1, 0), expected);

    HostState wild = new HostState();
    List<HostNote> notes = new ArrayList<>();
    new BatchRun(file, wild, notes).run();
    assertThat(wild.rules()).as("rules of the wild reading; notes " + notes)
        .containsExactlyElementsOf(expected.rules());
    assertThat(values(wild)).as("RPC values").isEqualTo(values(expected));
    assertThat(wild.wmiFixedPort().map(w -> w.value())).as("WMI port")
        .isEqualTo(expected.wmiFixedPort().map(w -> w.value()));

    HostState viaReader = new HostState();
    List<HostNote> readerNotes = new ArrayList<>();
    new NetshScriptReader().read(file, viaReader, readerNotes);
    assertThat(readerNotes).isEmpty();
    assertThat(viaReader.rules()).containsExactlyElementsOf(expected.rules());
    assertThat(new NetshScriptReader().recognise(file.text())).isGreaterThanOrEqualTo(60);
  }

  /** Name, type and data of the RPC values (their origin differs: a line against the header). */
  private static List<String> values(HostState host) {
    List<String> out = new ArrayList<>();
    host.rpcInternet().forEach((k, v) -> out.add(v.name() + " " + v.type() + " " + v.data()));
    return out;
  }

  static List<HostRule> rules(HostState h) {
    return h.rules();
  }
}
