package it.tavolo.live.document;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

/** Brings a future's completion back onto a context (an owner's). Stateless. */
final class OnContext {
  private OnContext() {
  }

  /** Runs {@code h} on {@code ctx}: at once when the future completes there, else as a task there. */
  static <T> Handler<AsyncResult<T>> of(Context ctx, Handler<AsyncResult<T>> h) {
    return ar -> {
      if (Vertx.currentContext() == ctx) {
        h.handle(ar);
      } else {
        ctx.runOnContext(v -> h.handle(ar));
      }
    };
  }
}
