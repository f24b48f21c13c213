package dev.rpcwall.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  void didYouMean_caseOnly_saysNamesAreCaseSensitive() {
    assertThat(Suggestions.didYouMean("Admins", List.of("admins", "servers")))
        .hasValue("did you mean 'admins'? (names are case-sensitive)");
    assertThat(Suggestions.didYouMean("adminz", List.of("admins")))
        .hasValue("did you mean 'admins'?");
    assertThat(Suggestions.didYouMean("zzz", List.of("admins"))).isEmpty();
  }
}
