package dev.rpcwall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Codes;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documentation lists every diagnostic code the tool can print. */
class DocsTest {
  static Path docs() {
    return CliRunner.examples().toAbsolutePath().getParent().resolve("docs");
  }

  @Test
  void everyDiagnosticCode_isDocumented() throws IOException, IllegalAccessException {
    StringBuilder all = new StringBuilder(Files.readString(docs().resolve("language.md")));
    try (var targets = Files.list(docs().resolve("targets"))) {
      for (Path p : targets.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        all.append(Files.readString(p));
      }
    }
    String text = all.toString();
    List<String> missing = new ArrayList<>();
    for (Field f : Codes.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        String code = (String) f.get(null);
        if (!text.contains("| " + code + " |")) {
          missing.add(f.getName() + "=" + code);
        }
      }
    }
    assertThat(missing).as("codes without a row in docs/language.md or docs/targets/*.md").isEmpty();
  }

  @Test
  void readme_twoCommandsAreTheOnesCiAndTheLauncherUse() throws IOException {
    Path root = docs().getParent();
    String readme = Files.readString(root.resolve("README.md"));
    assertThat(readme).contains("./rpcwall explain examples/kb-rpc-5001-5021.rpcwall --from 10.1.1.7 --port 135");
    assertThat(readme).contains("mvn -B verify");
    assertThat(Files.readString(root.resolve(".ci/run"))).contains("mvn -B verify");
  }
}
