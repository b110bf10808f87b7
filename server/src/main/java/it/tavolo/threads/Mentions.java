package it.tavolo.threads;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The people a comment names with {@code @}: {@code @ets1} (the part of a member's email
 * before the {@code @}, when only one member of the tavolo has it) or {@code @ets1@demo.tavolo}
 * (the whole email). A name that is no member of the tavolo, or that two members share, stays
 * plain text: it is not refused (a comment may quote an address), and whether someone outside
 * the tavolo has an account does not leak. Stateless.
 */
final class Mentions {
  /** At most this many people are mentioned by one comment; further names stay plain text. */
  static final int MAX = 20;

  private static final Pattern NAME =
      Pattern.compile("(?<![\\p{L}\\p{N}._%+-])@([A-Za-z0-9._%+-]+(?:@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})?)");

  private Mentions() {}

  /** The names after {@code @} in {@code body}, lower-cased, in order, each once. */
  static List<String> names(String body) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = NAME.matcher(body);
    while (m.find()) {
      String n = m.group(1).toLowerCase(Locale.ROOT);
      while (n.endsWith(".")) {
        n = n.substring(0, n.length() - 1); // "@ets1." at the end of a sentence
      }
      if (!n.isEmpty()) out.add(n);
    }
    return new ArrayList<>(out);
  }

  /** The members {@code body} mentions, given the tavolo's members by email. */
  static List<UUID> resolve(String body, Map<String, UUID> membersByEmail) {
    Set<UUID> out = new LinkedHashSet<>();
    for (String n : names(body)) {
      UUID who = n.contains("@") ? membersByEmail.get(n) : byLocalPart(n, membersByEmail);
      if (who != null) out.add(who);
      if (out.size() == MAX) break;
    }
    return new ArrayList<>(out);
  }

  private static UUID byLocalPart(String local, Map<String, UUID> membersByEmail) {
    UUID found = null;
    for (Map.Entry<String, UUID> e : membersByEmail.entrySet()) {
      if (e.getKey().startsWith(local + "@")) {
        if (found != null) return null; // two members share it: ambiguous, plain text
        found = e.getValue();
      }
    }
    return found;
  }
}
