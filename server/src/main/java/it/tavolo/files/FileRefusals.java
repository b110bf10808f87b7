package it.tavolo.files;

import it.tavolo.core.Refusal;

/** The files' refusals whose HTTP status has no Refusal factory (413, 415, 503); codes in docs/api.md. */
final class FileRefusals {
  private FileRefusals() {}

  static Refusal tooLarge(long maxBytes) {
    return new Refusal(413, "file_too_large", "The file is larger than " + maxBytes + " bytes (TAVOLO_FILE_MAX_BYTES).");
  }

  static Refusal typeMismatch(String message) {
    return new Refusal(415, "file_type_mismatch", message);
  }

  static Refusal busy() {
    return new Refusal(503, "file_uploads_busy", "Too many uploads in progress: try again in a moment.");
  }
}
