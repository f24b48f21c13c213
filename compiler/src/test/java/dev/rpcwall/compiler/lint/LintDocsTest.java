package dev.rpcwall.compiler.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/lint.md has a section per catalog ID, and the catalog an ID per section. */
class LintDocsTest {
  private static final Pattern HEADING = Pattern.compile("(?m)^## (RWL[0-9]{4}) — ([a-z0-9-]+)$");

  static Path lintDoc() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docs").resolve("lint.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("docs/lint.md above the working directory").isNotNull();
    return dir.resolve("docs").resolve("lint.md");
  }

  /** ID -> section text. */
  static Map<String, String> sections() throws IOException {
    String text = Files.readString(lintDoc());
    Matcher m = HEADING.matcher(text);
    List<int[]> starts = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    while (m.find()) {
      starts.add(new int[] {m.start(), m.end()});
      ids.add(m.group(1));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length();
      String previous = out.put(ids.get(i), text.substring(starts.get(i)[0], end));
      assertThat(previous).as("section %s twice", ids.get(i)).isNull();
    }
    return out;
  }

  @Test
  void everyCatalogId_hasItsSection_andEverySectionAnId() throws IOException {
    Map<String, String> sections = sections();
    List<String> catalog = LintCatalog.all().stream().map(LintRule::id).toList();
    assertThat(sections.keySet()).containsExactlyElementsOf(catalog);
  }

  @Test
  void sections_stateTheCatalogsCategoryAndSeverity() throws IOException {
    Map<String, String> sections = sections();
    for (LintRule rule : LintCatalog.all()) {
      String s = sections.get(rule.id());
      assertThat(s).as(rule.id())
          .startsWith("## " + rule.id() + " — " + rule.category().word() + "\n")
          .contains("Category: `" + rule.category().word() + "` · Severity: "
              + rule.severity().label())
          .contains("Example:")
          .contains("Fix:");
    }
  }

  @Test
  void catalog_idsUniqueAndOrdered_everyCategoryHasAnId() {
    List<String> ids = LintCatalog.all().stream().map(LintRule::id).toList();
    assertThat(ids).doesNotHaveDuplicates().isSorted();
    Set<Category> covered = EnumSet.noneOf(Category.class);
    LintCatalog.all().forEach(r -> covered.add(r.category()));
    assertThat(covered).containsExactlyInAnyOrder(Category.values());
    for (LintRule r : LintCatalog.all()) {
      assertThat(LintCatalog.byId(r.id())).contains(r);
    }
  }
}
