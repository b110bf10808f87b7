package it.tavolo.core.sedute;

import it.tavolo.core.Refusal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Video-call links (Zoom, Teams, Jitsi, Meet...). They are opened outside Tavolo, so the only
 * thing that matters is that a link is what it looks like: an absolute http(s) URL with a
 * host, no credentials, no spaces or control characters. {@code javascript:}, {@code data:}
 * and anything else are refused, so a link can never run code in someone's browser.
 */
public final class CallLinks {
  public static final int MAX_LENGTH = 2000;

  private CallLinks() {
  }

  /** The link as it will be stored and shown; throws {@code invalid_call_url} otherwise. */
  public static String check(String link) {
    if (link == null || link.isEmpty()) {
      throw refused("The video-call link is empty.");
    }
    if (link.length() > MAX_LENGTH) {
      throw refused("The video-call link is longer than " + MAX_LENGTH + " characters.");
    }
    for (int i = 0; i < link.length(); i++) {
      char c = link.charAt(i);
      if (c <= 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw refused("The video-call link contains spaces or control characters.");
      }
    }
    URI uri;
    try {
      uri = new URI(link);
    } catch (URISyntaxException e) {
      throw refused("The video-call link is not a valid address.");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw refused("The video-call link must start with https:// (or http://).");
    }
    if (uri.getRawAuthority() == null || uri.getHost() == null || uri.getHost().isEmpty()) {
      throw refused("The video-call link has no host.");
    }
    if (uri.getRawUserInfo() != null) {
      throw refused("The video-call link must not contain a user name or password.");
    }
    return link;
  }

  private static Refusal refused(String message) {
    return Refusal.invalid("invalid_call_url", message);
  }
}
