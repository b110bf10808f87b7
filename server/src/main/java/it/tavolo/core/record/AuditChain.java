package it.tavolo.core.record;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hash chain of a tavolo's audit trail. Each row's hash is {@code SHA-256(prev || row)}
 * over UTF-8, where {@code prev} is the previous row's hash in hex ({@link Sha256#ZERO} for
 * the first) and {@code row} the {@link Canonical} JSON of {@code {"action","actor","at",
 * "details","document","n","subject","tavolo"}}; {@code at} is UTC with microseconds
 * ({@code 2026-11-05T10:15:30.123456Z}), absent values are null. Changing any stored column
 * of a row, or removing or reordering rows, breaks the chain from there on.
 */
public final class AuditChain {
  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private AuditChain() {}

  /** One row as stored; {@code details} is canonical JSON text. */
  public record Row(String tavolo, long n, Instant at, String actor, String action, String document,
                    String subject, String details, String prevHash, String hash) {}

  /**
   * The first row whose stored hashes do not match, or none. {@code problem} is a stable code
   * for programs ({@code row_missing}, {@code previous_hash}, {@code content_hash}),
   * {@code reason} the same in English for people reading the raw answer.
   */
  public record Verdict(boolean ok, long rows, Long firstBadRow, String problem, String reason, String head) {}

  /** Timestamps are kept to the microsecond, as PostgreSQL stores them. */
  public static Instant truncate(Instant t) {
    return t.truncatedTo(ChronoUnit.MICROS);
  }

  public static String at(Instant t) {
    return AT.format(truncate(t));
  }

  public static String canonical(Row r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("action", r.action());
    m.put("actor", r.actor());
    m.put("at", at(r.at()));
    m.put("details", new Canonical.Raw(r.details()));
    m.put("document", r.document());
    m.put("n", r.n());
    m.put("subject", r.subject());
    m.put("tavolo", r.tavolo());
    return Canonical.json(m);
  }

  public static String hash(String prevHash, Row r) {
    return Sha256.hex(prevHash + canonical(r));
  }

  /** Recomputes the chain of one tavolo's rows, given in order of {@code n}. */
  public static Verdict verify(List<Row> rows) {
    String prev = Sha256.ZERO;
    long expectN = 1;
    for (Row r : rows) {
      if (r.n() != expectN) return new Verdict(false, rows.size(), r.n(), "row_missing", "row " + expectN + " is missing", null);
      if (!prev.equals(r.prevHash())) {
        return new Verdict(false, rows.size(), r.n(), "previous_hash",
            "its previous hash is not the hash of row " + (r.n() - 1), null);
      }
      if (!hash(prev, r).equals(r.hash())) {
        return new Verdict(false, rows.size(), r.n(), "content_hash", "its content does not match its hash", null);
      }
      prev = r.hash();
      expectN++;
    }
    return new Verdict(true, rows.size(), null, null, null, prev);
  }
}
