package it.tavolo.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.sqlclient.Tuple;
import it.tavolo.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A budget contributor and an activity lead name organisations at the document's tavolo
 * (its members' and its partners'), never one the editor merely knows from elsewhere.
 */
class OrganisationReferencesTest {
  private static String budgetLine(String id, UUID contributor) {
    return "[{\"op\":\"create\",\"coll\":\"budget\",\"id\":\"" + id + "\",\"fields\":{\"order\":\"z\","
        + "\"contributor\":\"" + contributor + "\",\"amount\":150000}}]";
  }

  private static UUID organisation(String name) {
    UUID id = UUID.randomUUID();
    LiveFixtures.sql("insert into organisations (id, name, side, ets_kind) values ($1, $2, 'ETS', 'odv')",
        Tuple.of(id, name));
    return id;
  }

  @Test
  void refusesAnOrganisationNotAtTheTavoloAndAcceptsAPartnerNamedAfterTheDocumentLoaded() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID odv = organisation("ODV Misericordia " + t.id());
    try (LiveClient pa = LiveClient.join("pa", t.documentId(), "orgs-" + t.id())) {
      long head = pa.welcome.path("seq").asLong();
      pa.submit(1, head, budgetLine("bud-odv", odv));
      JsonNode refused = pa.next("error");
      assertEquals("invalid_op", refused.path("code").asText());
      assertEquals(1, refused.path("clientSeq").asLong());
      assertEquals(head, LiveFixtures.opLogRows(t.documentId()), "nothing committed");

      // named a partner meanwhile, as another process would: no notice reaches this owner, yet
      // the organisation is now known, and the refusal is the ownership one (issue 15): the
      // line would be the ODV's pledge, which only its people write
      LiveFixtures.sql("insert into tavolo_partners (tavolo_id, organisation_id) values ($1, $2)", Tuple.of(t.id(), odv));
      pa.submit(1, head, budgetLine("bud-odv", odv));
      assertEquals("not_your_pledge", pa.next("error").path("code").asText());
      pa.submit(2, head, budgetLine("bud-sds", it.tavolo.demo.DemoSeed.SDS.id()));
      JsonNode ack = pa.next("ack");
      assertEquals(head + 1, ack.path("seq").asLong());
      assertTrue(pa.drain("error", 200).isEmpty());
    }
  }

  @Test
  void anOrganisationWhoseLastMemberLeftCannotBeNamedAnyMore() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo(false); // only the members' organisations
    UUID consorzio = it.tavolo.demo.DemoSeed.CONSORZIO.id();
    try (LiveClient pa = LiveClient.join("pa", t.documentId(), "left-" + t.id());
         LiveClient ets2 = LiveClient.join("ets2", t.documentId(), "leaving-" + t.id())) {
      long head = pa.welcome.path("seq").asLong();
      ets2.submit(1, head, budgetLine("bud-c1", consorzio)); // the consorzio's own member writes its line
      assertEquals(head + 1, ets2.next("ack").path("seq").asLong());
      var removed = TestServer.request("DELETE", "/api/tavoli/" + t.id() + "/members/" + it.tavolo.demo.DemoSeed.ETS2.id(),
          null, "Authorization", "Bearer " + LiveClient.token("coordinatore"));
      assertEquals(204, removed.statusCode(), removed.body());
      assertEquals("role_changed", ets2.next("error").path("code").asText()); // the owner heard of it
      // and re-reads the organisations alongside: until it has, the consorzio is still at the
      // tavolo and the line is refused as its pledge; then as naming an organisation not there.
      // Refused either way, so the batch is sent again until the second refusal comes
      String code;
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      do {
        pa.submit(2, head + 1, budgetLine("bud-c2", consorzio));
        code = pa.next("error").path("code").asText();
        if (!code.equals("invalid_op")) assertEquals("not_your_pledge", code);
      } while (!code.equals("invalid_op") && System.nanoTime() < deadline);
      assertEquals("invalid_op", code, "the organisation is no longer known");
      assertEquals(head + 1, LiveFixtures.opLogRows(t.documentId()));
    }
  }
}
