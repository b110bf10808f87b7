package it.tavolo.sedute;

import static it.tavolo.sedute.Http.ok;
import static it.tavolo.sedute.Http.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/**
 * Convocazioni (docs/api.md, "Convocazioni"): planning a seduta with {@code convene} notifies
 * every member and mails an iCalendar invitation that ical4j reads back (UID, SEQUENCE 0,
 * METHOD:REQUEST, place, call link, agenda); a change sends the same UID with a higher
 * SEQUENCE, a cancellation METHOD:CANCEL; the tavolo's secret feed serves text/calendar and
 * stops when revoked.
 */
class ConvocazioniTest {

  private static List<Row> invitations(String seduta, String kind) {
    try {
      List<Row> out = new ArrayList<>();
      TestServer.pool().preparedQuery("select o.to_address, o.ics, o.ics_method from mail_outbox o join notifications n "
              + "on n.id = o.notification_id where n.payload->>'seduta' = $1 and n.kind = $2 order by o.to_address")
          .execute(Tuple.of(seduta, kind)).await(10, TimeUnit.SECONDS).forEach(out::add);
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Calendar parse(String ics) throws Exception {
    return new CalendarBuilder().build(new StringReader(ics));
  }

  private static String prop(Calendar c, String name) {
    return c.getProperty(name).map(p -> p.getValue()).orElse(null);
  }

  private static String prop(VEvent e, String name) {
    return e.getProperty(name).map(p -> p.getValue()).orElse(null);
  }

  private static VEvent event(Calendar c) {
    return (VEvent) c.getComponents("VEVENT").get(0);
  }

  @Test
  void conveningChangingAndCancellingSendOneEventWithRisingSequence() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    JsonObject body = new JsonObject().put("title", "Terzo incontro").put("startsAt", "2027-01-14T15:00:00+01:00")
        .put("mode", "ibrida").put("place", "Sala consiliare, Pistoia").put("callUrl", "https://meet.example.org/sia")
        .put("agenda", new io.vertx.core.json.JsonArray().add("Analisi del bisogno").add("Piano economico"))
        .put("convene", true);
    String id = ok(201, "coordinatore", "POST", "/api/tavoli/" + t.id() + "/sedute", body).getString("id");

    List<Row> sent = invitations(id, "seduta_convened");
    assertEquals(DemoSeed.ACCOUNTS.size(), sent.size(), "every member, the coordinator too (for their calendar)");
    Calendar first = parse(sent.get(0).getString("ics"));
    assertEquals("REQUEST", prop(first, "METHOD"));
    VEvent e = event(first);
    String uid = prop(e, "UID");
    assertEquals("seduta-" + id + "@tavolo", uid);
    assertEquals("0", prop(e, "SEQUENCE"));
    assertEquals("Terzo incontro", prop(e, "SUMMARY"));
    assertEquals("Sala consiliare, Pistoia", prop(e, "LOCATION"));
    assertEquals("20270114T140000Z", prop(e, "DTSTART"));
    assertTrue(prop(e, "DESCRIPTION").contains("https://meet.example.org/sia"), prop(e, "DESCRIPTION"));
    assertTrue(prop(e, "DESCRIPTION").contains("2. Piano economico"), prop(e, "DESCRIPTION"));
    assertTrue(prop(e, "URL").endsWith("/#/seduta/" + t.id() + "/" + id));

    // a change: the same event, SEQUENCE 1
    JsonObject later = body.copy().put("startsAt", "2027-01-15T15:00:00+01:00");
    later.remove("convene"); // absent: a convened seduta's change is sent
    ok(200, "coordinatore", "PUT", "/api/sedute/" + id, later);
    List<Row> changed = invitations(id, "seduta_changed");
    assertEquals(DemoSeed.ACCOUNTS.size(), changed.size());
    VEvent c = event(parse(changed.get(0).getString("ics")));
    assertEquals(uid, prop(c, "UID"));
    assertEquals("1", prop(c, "SEQUENCE"));
    assertEquals("20270115T140000Z", prop(c, "DTSTART"));

    // a change with convene:false tells nobody
    ok(200, "coordinatore", "PUT", "/api/sedute/" + id, body.copy().put("title", "Terzo incontro (sala B)").put("convene", false));
    assertEquals(DemoSeed.ACCOUNTS.size(), invitations(id, "seduta_changed").size());

    // cancelled: METHOD:CANCEL, SEQUENCE 2, and only once
    refused(403, "forbidden", "ets1", "DELETE", "/api/sedute/" + id + "/convocation", null);
    ok(200, "coordinatore", "DELETE", "/api/sedute/" + id + "/convocation", null);
    List<Row> cancelled = invitations(id, "seduta_cancelled");
    assertEquals(DemoSeed.ACCOUNTS.size(), cancelled.size());
    assertEquals("CANCEL", cancelled.get(0).getString("ics_method"));
    Calendar cancel = parse(cancelled.get(0).getString("ics"));
    assertEquals("CANCEL", prop(cancel, "METHOD"));
    assertEquals(uid, prop(event(cancel), "UID"));
    assertEquals("2", prop(event(cancel), "SEQUENCE"));
    assertEquals("CANCELLED", prop(event(cancel), "STATUS"));
    refused(409, "not_convened", "coordinatore", "DELETE", "/api/sedute/" + id + "/convocation", null);
  }

  @Test
  void planningWithoutConveneTellsNobodyAndOpeningTellsTheOthers() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = SedutaLifecycleTest.plan(t, "in_presenza").getString("id");
    assertEquals(0, invitations(id, "seduta_convened").size());
    ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/open", null);
    try {
      long n = TestServer.pool().preparedQuery("select count(*) from notifications where kind = 'seduta_opened' "
          + "and payload->>'seduta' = $1").execute(Tuple.of(id)).await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
      assertEquals(DemoSeed.ACCOUNTS.size() - 1, n, "everyone but the coordinator who opened it");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/close", null);
    JsonObject inbox = ok(200, "ets2", "GET", "/api/me/notifications?limit=5", null);
    assertEquals("verbale_ready", inbox.getJsonArray("items").getJsonObject(0).getString("kind"));
  }

  @Test
  void theTavoloCalendarFeedIsSecretServesTextCalendarAndCanBeRevoked() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = SedutaLifecycleTest.plan(t, "ibrida").getString("id");
    refused(403, "forbidden", "ets1", "POST", "/api/tavoli/" + t.id() + "/calendar-feed", null);
    JsonObject feed = ok(201, "coordinatore", "POST", "/api/tavoli/" + t.id() + "/calendar-feed", null);
    String path = "/api/calendar/" + feed.getString("token");
    assertTrue(feed.getString("url").endsWith(path));
    HttpResponse<String> r = Http.call(null, "GET", path + ".ics", null);
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/calendar"));
    Calendar cal = parse(r.body());
    assertEquals("PUBLISH", prop(cal, "METHOD"));
    assertEquals("seduta-" + id + "@tavolo", prop(event(cal), "UID"));

    // a new secret replaces the old one; revoking ends it
    JsonObject again = ok(201, "coordinatore", "POST", "/api/tavoli/" + t.id() + "/calendar-feed", null);
    assertEquals(404, Http.call(null, "GET", path, null).statusCode());
    ok(204, "coordinatore", "DELETE", "/api/tavoli/" + t.id() + "/calendar-feed", null);
    assertEquals(404, Http.call(null, "GET", "/api/calendar/" + again.getString("token"), null).statusCode());
    refused(404, "not_found", "coordinatore", "DELETE", "/api/tavoli/" + t.id() + "/calendar-feed", null);
  }
}
