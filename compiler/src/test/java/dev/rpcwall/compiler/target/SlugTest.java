package dev.rpcwall.compiler.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.lower.RuleNames;
import dev.rpcwall.compiler.testing.Seeded;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

class SlugTest {
  /** Names drawn from characters that the readable part folds together or drops. */
  private static final Gen<String> NAMES =
      SourceDSL.strings()
          .betweenCodePoints(0, 0x3000)
          .ofLengthBetween(0, 6)
          .mix(SourceDSL.strings().allPossible().ofLengthBetween(0, 4))
          .mix(SourceDSL.integers().between(0, 7).map(i -> List.of(
              "Branch A: RPC", "branch-a (rpc)", "BRANCH A RPC", "branch a rpc", "CON", "con",
              "NUL", "\uD800").get(i)));

  @Test
  void of_differentNames_disjointPrefixesGroupsAndStatePaths() {
    Seeded.check(qt -> qt.forAll(NAMES, NAMES).assuming((a, b) -> !a.equals(b)).checkAssert((a, b) -> {
      String pa = RuleNames.policyPrefix(a);
      String pb = RuleNames.policyPrefix(b);
      // Neither prefix starts the other, so no rule of one policy carries the other's prefix;
      // case-insensitively too, since Windows may match names that way.
      assertThat(pa.toLowerCase(Locale.ROOT).startsWith(pb.toLowerCase(Locale.ROOT))).isFalse();
      assertThat(pb.toLowerCase(Locale.ROOT).startsWith(pa.toLowerCase(Locale.ROOT))).isFalse();
      assertThat(RuleNames.group(a)).isNotEqualToIgnoringCase(RuleNames.group(b));
      assertThat(Slug.of(a)).isNotEqualToIgnoringCase(Slug.of(b));
    }));
  }

  @Test
  void of_sameName_sameSlug_andOnlySafeCharacters() {
    Seeded.check(qt -> qt.forAll(NAMES).checkAssert(n -> {
      assertThat(Slug.of(n)).isEqualTo(Slug.of(n)).matches("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?-[0-9a-f]{8}");
      assertThat(Slug.of(n).length()).isLessThanOrEqualTo(Slug.MAX_READABLE + 1 + Slug.HASH_HEX);
      assertThat(Slug.fileBase(n)).matches("[a-z0-9][a-z0-9-]*");
    }));
  }

  @Test
  void sameReadablePart_differentNames_differentSlugs() {
    assertThat(Slug.readable("Branch A: RPC")).isEqualTo(Slug.readable("branch-a (rpc)"));
    assertThat(Slug.of("Branch A: RPC")).isNotEqualTo(Slug.of("branch-a (rpc)"));
    assertThat(Slug.of("Block RPC Ports")).startsWith("block-rpc-ports-");
  }

  @Test
  void fileBase_readableWhenItSaysSomething_wholeSlugOtherwise() {
    assertThat(Slug.fileBase("KB RPC 5001-5021")).isEqualTo("kb-rpc-5001-5021");
    // Non-Latin and punctuation-only names keep distinct, valid file names.
    for (List<String> pair : List.of(List.of("Политика", "政策"), List.of("!!!", "???"),
        List.of("policy", "Политика"))) {
      assertThat(Slug.fileBase(pair.get(0))).isNotEqualTo(Slug.fileBase(pair.get(1)));
    }
    assertThat(Slug.fileBase("政策")).startsWith("policy-");
    // Reserved device names are never a file's base name, in any case.
    for (String reserved : Set.of("CON", "con", "Nul", "AUX", "PRN", "COM1", "lpt9", "COM¹")) {
      String base = Slug.fileBase(reserved);
      assertThat(base).as(reserved).matches(".*-[0-9a-f]{8}");
      assertThat(Set.of("con", "nul", "aux", "prn", "com1", "lpt9")).doesNotContain(base);
    }
  }

  @Test
  void of_loneSurrogates_stillDistinct() {
    assertThat(Slug.of("a\uD800")).isNotEqualTo(Slug.of("a\uD801"));
    assertThat(Slug.of("a\uD800")).isNotEqualTo(Slug.of("a?"));
  }
}
