package dev.rpcwall.emit.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.host.HostNote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry and legacy IPsec fixture corpus: each file under {@code host/registry} and {@code
 * host/ipsec} says, in its own comments ({@code ; @...} in a .reg file, {@code rem @...} in a
 * script) or, for formats without comments, in a {@code .expect} file beside it, exactly what it
 * leaves on a host: the format it is read as ({@code @format}), every rule ({@code @rule}) and
 * IPsec filter ({@code @ipsec}) in order, every profile setting and RPC value ({@code @set}), and
 * every note ({@code @note line:col category message-start}). Nothing else may appear.
 */
class HostFixtureCorpusTest {
  private static final Path ROOT = Paths.get("src/test/resources/host");
  private static final Pattern EXPECT =
      Pattern.compile("^\\s*(?:;|rem |::|#)\\s*@(format|rule|ipsec|set|note)\\s+(.*?)\\s*$",
          Pattern.CASE_INSENSITIVE);

  static Stream<Path> fixtures() throws IOException {
    List<Path> out = new ArrayList<>();
    for (String dir : new String[] {"registry", "ipsec"}) {
      try (Stream<Path> s = Files.list(ROOT.resolve(dir))) {
        s.filter(p -> !p.toString().endsWith(".expect")).sorted().forEach(out::add);
      }
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void fixtureLeavesExactlyWhatItSays(Path fixture) throws IOException {
    byte[] bytes = Files.readAllBytes(fixture);
    Path sidecar = Paths.get(fixture + ".expect");
    String expectText = Files.exists(sidecar)
        ? Files.readString(sidecar) : HostInputs.decode(bytes);
    List<String> format = new ArrayList<>();
    List<String> rules = new ArrayList<>();
    List<String> ipsec = new ArrayList<>();
    List<String> settings = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (String line : expectText.split("\\r\\n|\\r|\\n")) {
      Matcher m = EXPECT.matcher(line);
      if (!m.matches()) {
        continue;
      }
      switch (m.group(1).toLowerCase()) {
        case "format" -> format.add(m.group(2));
        case "rule" -> rules.add(m.group(2));
        case "ipsec" -> ipsec.add(m.group(2));
        case "set" -> settings.add(m.group(2));
        default -> notes.add(m.group(2));
      }
    }
    assertThat(format).as("a fixture names its format").hasSize(1);
    // A fixture whose name says its line ends has them (git must not convert them).
    String decoded = HostInputs.decode(bytes);
    if (fixture.getFileName().toString().contains("-crlf")) {
      assertThat(decoded).contains("\r\n").doesNotContainPattern("[^\r]\n");
    } else if (fixture.getFileName().toString().contains("-lf")) {
      assertThat(decoded).doesNotContain("\r");
    }
    String name = fixture.getFileName().toString();
    HostInputs.Result r =
        HostInputs.standard().read(List.of(new HostInputs.Input(name, bytes)));
    assertThat(r.files()).singleElement()
        .satisfies(f -> assertThat(f.format()).isEqualTo(format.get(0)));
    assertThat(r.host().rules()).extracting(HostText::rule).as("rules").containsExactlyElementsOf(rules);
    assertThat(r.host().ipsecFilters()).extracting(HostText::filter).as("filters")
        .containsExactlyElementsOf(ipsec);
    List<String> expectedSettings = new ArrayList<>(settings);
    expectedSettings.sort(null);
    assertThat(HostText.settings(r.host())).as("settings").containsExactlyElementsOf(expectedSettings);
    List<String> actualNotes = r.notes().stream().map(HostText::note).toList();
    assertThat(actualNotes).as("notes").hasSameSizeAs(notes);
    for (int i = 0; i < notes.size(); i++) {
      assertThat(actualNotes.get(i)).as("note " + i).startsWith(notes.get(i));
    }
    for (HostNote n : r.notes()) {
      assertThat(n.at().source()).isEqualTo(name);
    }
  }

}
