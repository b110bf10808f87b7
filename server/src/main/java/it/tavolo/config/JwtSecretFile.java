package it.tavolo.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The development default for the JWT secret: generated once, kept beside the data (mode 0600)
 * so that tokens stay valid across restarts. Production passes TAVOLO_JWT_SECRET instead.
 */
final class JwtSecretFile {
  private JwtSecretFile() {}

  static String loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return read(file);
      }
      Files.createDirectories(file.getParent());
      byte[] random = new byte[48];
      new SecureRandom().nextBytes(random);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      try {
        // Created with 0600 from the start: the secret is never readable by others, not even briefly.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException raced) {
        return read(file);
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      return secret;
    } catch (IOException e) {
      throw new ConfigException("cannot read or create the JWT secret file " + file
          + " (set TAVOLO_JWT_SECRET or make TAVOLO_DATA_DIR writable)", e);
    }
  }

  private static String read(Path file) throws IOException {
    String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (secret.getBytes(StandardCharsets.UTF_8).length < Config.MIN_SECRET_BYTES) {
      throw new ConfigException("the JWT secret in " + file + " is shorter than "
          + Config.MIN_SECRET_BYTES + " bytes; delete the file to generate a new one");
    }
    return secret;
  }
}
