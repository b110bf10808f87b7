package it.tavolo.config;

/** A setting is missing or malformed: the server refuses to start and says which one. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
