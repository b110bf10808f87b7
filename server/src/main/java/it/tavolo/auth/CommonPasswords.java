package it.tavolo.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The 10,000 most common passwords (resources/passwords/common-10k.txt, shipped in the jar:
 * nothing is downloaded). Read once, on first use; immutable afterwards, so any thread may ask.
 */
final class CommonPasswords {
  static final String RESOURCE = "/passwords/common-10k.txt";
  private static final Set<String> LIST = load();

  private CommonPasswords() {}

  /** True when {@code password}, ignoring case and surrounding spaces, is on the list. */
  static boolean contains(String password) {
    return LIST.contains(password.strip().toLowerCase(Locale.ROOT));
  }

  static int size() { return LIST.size(); }

  private static Set<String> load() {
    try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
      Set<String> out = new HashSet<>(16_384);
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isEmpty() && !line.startsWith("#")) out.add(line.strip().toLowerCase(Locale.ROOT));
      }
      return Set.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
