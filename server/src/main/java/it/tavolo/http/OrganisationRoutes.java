package it.tavolo.http;

import static it.tavolo.web.Calls.reply;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import it.tavolo.auth.AuthServices;

/** Organisations for pickers (budget contributors, activity leads): only those the caller works with. */
final class OrganisationRoutes {
  private final AuthServices auth;

  OrganisationRoutes(AuthServices auth) { this.auth = auth; }

  void mount(Router router) {
    router.get("/api/organisations").handler(rc -> reply(rc, 200, () ->
        auth.organisations().visibleTo(TokenCheck.principal(rc).userId()).map(list -> {
          JsonArray out = new JsonArray();
          list.forEach(o -> out.add(o.toJson()));
          return out;
        })));
  }
}
