package it.tavolo.imports;

/** Why a file is not imported: a stable code and status (docs/api.md, "Import a document"). Nothing was created. */
final class ImportRefusal extends RuntimeException {
  final int status;
  final String code;

  ImportRefusal(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static ImportRefusal unsupported(String message) {
    return new ImportRefusal(415, "import_unsupported_type", message);
  }

  static ImportRefusal unreadable(String message) {
    return new ImportRefusal(422, "import_unreadable", message);
  }

  static ImportRefusal tooLarge(String message) {
    return new ImportRefusal(413, "import_too_large", message);
  }

  static ImportRefusal hostile(String message) {
    return new ImportRefusal(422, "import_refused", message);
  }
}
