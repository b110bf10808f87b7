package it.tavolo.export;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes of one export and their SHA-256 (hex). {@code stored}: the file of a consolidated
 * version, kept and served byte-identical; otherwise rendered for this download only (a named
 * version not consolidated, or the head as a draft).
 */
public record ExportFile(byte[] bytes, String sha256, boolean stored) {

  static ExportFile of(byte[] bytes, boolean stored) {
    return new ExportFile(bytes, sha256(bytes), stored);
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest(bytes));
  }

  static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "ExportFile[" + bytes.length + " bytes, sha256=" + sha256 + ", stored=" + stored + "]";
  }
}
