package dev.rpcwall.compiler.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceFileTest {

  /** Line starts by the definition: a line ends at LF, at CRLF, or at a CR not before an LF. */
  private static List<Integer> naiveLineStarts(String text) {
    List<Integer> starts = new ArrayList<>(List.of(0));
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean crAlone = c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n');
      if (c == '\n' || crAlone) {
        starts.add(i + 1);
      }
    }
    return starts;
  }

  @Test
  void lines_everyMixOfLineEndsUpToEightChars_matchDefinition() {
    char[] alphabet = {'a', '\r', '\n'};
    for (int length = 0; length <= 8; length++) {
      int combinations = (int) Math.pow(alphabet.length, length);
      for (int n = 0; n < combinations; n++) {
        StringBuilder b = new StringBuilder();
        for (int k = 0, rest = n; k < length; k++, rest /= alphabet.length) {
          b.append(alphabet[rest % alphabet.length]);
        }
        String text = b.toString();
        SourceFile file = new SourceFile("f", text);
        List<Integer> starts = naiveLineStarts(text);
        String shown = text.replace("\r", "\\r").replace("\n", "\\n");
        assertThat(file.lineCount()).as("lines of '%s'", shown).isEqualTo(starts.size());
        for (int line = 1; line <= starts.size(); line++) {
          int start = starts.get(line - 1);
          int end = line < starts.size() ? starts.get(line) : text.length();
          String expected = text.substring(start, end).replaceAll("[\r\n]+$", "");
          assertThat(file.line(line)).as("line %d of '%s'", line, shown).isEqualTo(expected);
          assertThat(file.offset(line, 1)).as("offset of line %d of '%s'", line, shown).isEqualTo(start);
        }
      }
    }
  }
}
