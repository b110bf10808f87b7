package it.tavolo.config;

import java.util.HashMap;
import java.util.Map;

/** Settings read by the layer that uses them (the live layer's limits, the OIDC provider). */
public final class Environment {
  private Environment() {
  }

  /**
   * The process environment, overridden by system properties of the same names starting with
   * {@code TAVOLO_} (tests start a server with other settings that way).
   */
  public static Map<String, String> withSystemProperties() {
    Map<String, String> env = new HashMap<>(System.getenv());
    System.getProperties().forEach((k, v) -> {
      if (k.toString().startsWith("TAVOLO_")) {
        env.put(k.toString(), v.toString());
      }
    });
    return env;
  }
}
