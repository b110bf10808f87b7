package it.tavolo.sedute;

import it.tavolo.AppContext;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The sedute layer's link to the live layer (placeholder until the live hooks exist). */
final class LiveLink implements LiveBridge {
  static LiveLink attach(AppContext app, RegisterStore register, ViewerLinks viewers) {
    return new LiveLink();
  }

  @Override
  public void announce(UUID tavoloId, String message) {
  }

  @Override
  public void closeViewers(Collection<UUID> linkIds) {
  }

  @Override
  public List<RegisterStore.Connected> connectedTo(UUID tavoloId) {
    return List.of();
  }
}
