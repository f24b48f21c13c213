package dev.rpcwall.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules an import path must follow before any file is opened: it is a relative path made of
 * plain names, {@code .} and {@code ..}, with {@code /} or {@code \} between them, and once joined
 * to the importing file's directory it stays inside the policy root. Everything Windows would read
 * as something else is refused, because the policy may be checked on a Windows CI runner or admin
 * workstation: an absolute path, a drive letter ({@code C:\x}, and {@code C:x}, which is relative
 * to drive C's current directory), a UNC path ({@code \\host\share}, to which Windows would
 * authenticate with the user's credentials), a device path ({@code \\?\}, {@code \\.\}), a colon
 * anywhere (alternate data streams), a reserved device name ({@code CON}, {@code NUL},
 * {@code COM1}, ...) and a name ending in a dot or a space (Windows strips those, so the name would
 * mean another file than the one it spells). Source: "Naming Files, Paths, and Namespaces" and
 * "File path formats on Windows systems" (Microsoft Learn).
 */
final class ImportPaths {
  private static final Pattern DEVICE_NAME =
      Pattern.compile(
          "(con|prn|aux|nul|conin\\$|conout\\$|(com|lpt)[0-9\u00b9\u00b2\u00b3])(\\..*)?");

  private ImportPaths() {}

  /** Why {@code path}, as written in an import, is not allowed; empty when it is allowed. */
  static Optional<String> problem(String path) {
    if (path.isBlank()) {
      return Optional.of("is empty");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (Character.isISOControl(c)) {
        return Optional.of("contains a control character");
      }
      if (c == '"') {
        // Import paths are read raw, so a '\"' written inside one stays in the path.
        return Optional.of("contains '\"', which is not a valid path character");
      }
    }
    String p = path.replace('\\', '/');
    if (p.startsWith("//")) {
      // Import paths are raw, so "\\\\?\\C:" (the spelling from when paths had escapes) reaches
      // here with doubled separators: collapse them before telling a device path from a UNC path.
      String rest = p.replaceAll("/+", "/").substring(1);
      return Optional.of(
          rest.startsWith("?/") || rest.startsWith("./")
              ? "is a Windows device path (\\\\?\\ or \\\\.\\)"
              : "is a UNC path (\\\\host\\share): Windows would connect to that host");
    }
    if (p.startsWith("/")) {
      return Optional.of("is absolute");
    }
    if (p.length() >= 2 && Character.isLetter(p.charAt(0)) && p.charAt(1) == ':') {
      return Optional.of("starts with a drive letter");
    }
    if (p.indexOf(':') >= 0) {
      return Optional.of("contains ':' (a drive, device or alternate data stream on Windows)");
    }
    for (String segment : p.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..") || segment.isEmpty()) {
        continue;
      }
      if (segment.endsWith(".") || segment.endsWith(" ")) {
        return Optional.of("has a name ending in '.' or ' ' ('" + segment
            + "'), which Windows would read as another name");
      }
      String bare = segment.strip().toLowerCase(Locale.ROOT);
      if (DEVICE_NAME.matcher(bare).matches()) {
        return Optional.of("names the Windows device '" + segment + "'");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the normalized path {@code target} lies inside the directory {@code root} (both as
   * {@link ImportLoader#resolve} produces them: {@code /} separators, {@code ..} only leading).
   */
  static boolean within(String root, String target) {
    List<String> r = segments(root);
    List<String> t = segments(target);
    if (t.size() <= r.size() || !t.subList(0, r.size()).equals(r)) {
      return false;
    }
    if (isAbsolute(target) != isAbsolute(root)) {
      return false;
    }
    return !t.subList(r.size(), t.size()).contains("..");
  }

  private static boolean isAbsolute(String path) {
    return path.startsWith("/") || (path.length() >= 2 && path.charAt(1) == ':');
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/", -1)) {
      if (!s.isEmpty() || out.isEmpty()) {
        out.add(s);
      }
    }
    if (out.size() == 1 && out.get(0).isEmpty() && !path.startsWith("/")) {
      out.clear();
    }
    return out;
  }
}
