package dev.rpcwall.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.DiagnosticRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Inline-expectation cases under {@code diagnostics/}: a {@code # expect: SEVERITY CODE "text"}
 * comment expects that diagnostic (message containing the text) on the next non-comment line of
 * the same file. A case is a file, or a directory whose {@code main.*} file is compiled. Every
 * expected diagnostic must appear and nothing else may.
 */
class DiagnosticCasesTest {
  private static final Pattern EXPECT =
      Pattern.compile("#\\s*expect:\\s*(error|warning|info)\\s+(RW\\d{4})\\s+\"([^\"]*)\"");

  private record Expectation(String file, int line, String severity, String code, String text) {
    boolean matches(Diagnostic d) {
      return d.span().source().equals(file)
          && d.span().line() == line
          && d.severity().label().equals(severity)
          && d.code().equals(code)
          && d.message().contains(text);
    }

    @Override
    public String toString() {
      return file + ":" + line + ": " + severity + "[" + code + "] \"" + text + "\"";
    }
  }

  static Path root() {
    try {
      return Path.of(DiagnosticCasesTest.class.getResource("/diagnostics").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Path> cases() throws IOException {
    try (Stream<Path> s = Files.list(root())) {
      return s.sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCase_reportsExactlyItsExpectations() throws IOException {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> run(c)));
  }

  private static void run(Path c) throws IOException {
    Path dir = Files.isDirectory(c) ? c : c.getParent();
    String main;
    if (Files.isDirectory(c)) {
      try (Stream<Path> s = Files.list(c)) {
        main = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("main.")).findFirst()
            .orElseThrow();
      }
    } else {
      main = c.getFileName().toString();
    }
    Analysis r =
        Compiler.analyze(
            path -> {
              Path p = dir.resolve(path).normalize();
              try {
                return p.startsWith(dir) && Files.isRegularFile(p)
                    ? Optional.of(Files.readAllBytes(p))
                    : Optional.empty();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            main);
    List<Expectation> expected = new ArrayList<>();
    r.sources().forEach((name, file) -> expected.addAll(expectations(name, file.text())));
    List<Diagnostic> actual = r.diagnostics();
    DiagnosticRenderer renderer = new DiagnosticRenderer(r.sources());
    String rendered = actual.stream().map(renderer::render).collect(Collectors.joining());

    List<Expectation> missing =
        expected.stream().filter(e -> actual.stream().noneMatch(e::matches)).toList();
    List<Diagnostic> unexpected =
        actual.stream().filter(d -> expected.stream().noneMatch(e -> e.matches(d))).toList();

    assertThat(missing).as("missing diagnostics; actual:\n" + rendered).isEmpty();
    assertThat(unexpected).as("unexpected diagnostics:\n" + rendered).isEmpty();
    assertThat(expected).as("a case must expect something").isNotEmpty();
  }

  private static List<Expectation> expectations(String file, String text) {
    List<Expectation> out = new ArrayList<>();
    List<Matcher> pending = new ArrayList<>();
    String[] lines = text.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String trimmed = lines[i].strip();
      Matcher m = EXPECT.matcher(trimmed);
      if (m.matches()) {
        pending.add(m);
        continue;
      }
      if (trimmed.startsWith("#")) {
        continue;
      }
      for (Matcher p : pending) {
        out.add(new Expectation(file, i + 1, p.group(1), p.group(2), p.group(3)));
      }
      pending.clear();
    }
    assertThat(pending).as("expectation without a following line in " + file).isEmpty();
    return out;
  }

  @Test
  void everyFrontEndCode_hasACaseFile() throws IOException, IllegalAccessException {
    TreeSet<String> codes = new TreeSet<>();
    for (Field f : Codes.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        String code = (String) f.get(null);
        if (code.matches("RW0[0-8]\\d{2}|RW1[012]\\d{2}")) {
          codes.add(code);
        }
      }
    }
    TreeSet<String> covered = new TreeSet<>();
    for (Path c : cases()) {
      String name = c.getFileName().toString();
      String code = name.substring(0, 6).toUpperCase(java.util.Locale.ROOT);
      List<Path> files;
      try (Stream<Path> s = Files.isDirectory(c) ? Files.walk(c).filter(Files::isRegularFile) : Stream.of(c)) {
        files = s.toList();
      }
      for (Path f : files) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        if (text.contains("expect: error " + code) || text.contains("expect: warning " + code)) {
          covered.add(code);
        }
      }
    }
    assertThat(codes).isNotEmpty();
    assertThat(covered).containsAll(codes);
  }
}
