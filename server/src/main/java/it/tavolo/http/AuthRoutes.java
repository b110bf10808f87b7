package it.tavolo.http;

import it.tavolo.web.Calls;
import static it.tavolo.web.Calls.body;
import static it.tavolo.web.Calls.reply;
import static it.tavolo.web.Calls.string;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import it.tavolo.auth.AuthServices;
import it.tavolo.auth.Principal;
import it.tavolo.core.Refusal;
import it.tavolo.auth.Sessions;

/** Login, refresh, logout and "who am I". */
final class AuthRoutes {
  private final AuthServices auth;

  AuthRoutes(AuthServices auth) { this.auth = auth; }

  /** Routes reachable without an access token. */
  void mountOpen(Router router) {
    router.post("/api/auth/login").handler(rc -> reply(rc, 200, () -> {
      JsonObject b = body(rc);
      String email = string(b, "email");
      String password = string(b, "password");
      if (email == null || password == null || email.isBlank()) {
        throw Refusal.invalid("invalid_input", "'email' and 'password' are required.");
      }
      return auth.sessions().login(email, password, Calls.clientIp(rc)).map(AuthRoutes::sessionJson);
    }));
    router.post("/api/auth/oidc").handler(rc -> reply(rc, 200, () -> {
      String idToken = string(body(rc), "idToken");
      return auth.oidc()
          .map(o -> o.login(idToken).map(AuthRoutes::sessionJson))
          .orElseThrow(() -> new Refusal(404, "oidc_not_configured",
              "This server accepts no external identity provider: log in with email and password."));
    }));
    router.post("/api/auth/refresh").handler(rc -> reply(rc, 200, () -> {
      String refresh = string(body(rc), "refreshToken");
      if (refresh == null) throw Refusal.invalid("invalid_input", "'refreshToken' is required.");
      return auth.sessions().refresh(refresh).map(AuthRoutes::sessionJson);
    }));
  }

  /** Routes behind {@link TokenCheck}. */
  void mountProtected(Router router) {
    router.post("/api/auth/logout").handler(rc -> reply(rc, 204, () -> auth.sessions().logout(TokenCheck.principal(rc))));
    router.get("/api/me").handler(rc -> reply(rc, 200, () -> {
      Principal p = TokenCheck.principal(rc);
      return auth.users().findById(p.userId()).compose(a -> a.isEmpty()
          ? Future.failedFuture(Refusal.unauthorized("This account no longer exists."))
          : Future.succeededFuture(a.get().toJson().put("tokenExpiresAt", p.expiresAt().toString())));
    }));
  }

  static JsonObject sessionJson(Sessions.Session s) {
    return new JsonObject()
        .put("token", s.access().token())
        .put("tokenType", "Bearer")
        .put("expiresIn", s.access().lifetimeSeconds())
        .put("refreshToken", s.refreshToken())
        .put("user", s.account().toJson());
  }
}
