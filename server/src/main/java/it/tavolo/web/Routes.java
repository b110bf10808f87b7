package it.tavolo.web;


import it.tavolo.AppContext;
import io.vertx.ext.web.Router;

/**
 * One layer's share of the HTTP API. Each feature has one class implementing this, built with
 * the layer's services and listed in {@code App.layers()}; it adds its routes to the shared
 * router. Requests under
 * {@code /api/} arrive with their body read (size-limited); failures are turned into JSON
 * errors by the router's failure handler, so a handler may simply throw or
 * {@code rc.fail(new Refusal(...))}.
 */
@FunctionalInterface
public interface Routes {
  void mount(Router router, AppContext ctx);

  /**
   * Mounted before the API's general body handler (1 MiB): a layer whose requests carry larger
   * bodies (the import's file) reads them here with its own limit. Most layers have none.
   */
  default void mountBodyReaders(Router router, AppContext ctx) {}
}
