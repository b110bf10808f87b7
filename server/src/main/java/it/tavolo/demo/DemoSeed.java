package it.tavolo.demo;

import it.tavolo.AppContext;
import it.tavolo.auth.Passwords;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo tavolo, from seed 002: the Società della Salute Pistoiese co-designing the SIA
 * (Sostegno all'Inclusione Attiva) project with cooperatives, a consortium, a volunteer
 * association and the Curia. Idempotent: fixed ids and {@code on conflict do nothing}, so a
 * restart (or two servers starting at once) changes nothing; only the demo accounts' password
 * is brought in line with TAVOLO_DEMO_PASSWORD.
 */
public final class DemoSeed {
  private static final Logger log = LoggerFactory.getLogger(DemoSeed.class);

  /**
   * The demo tavolo's territori (Zona Pistoiese and some of its comuni), which its budget lines
   * name; added on every start, like the partners.
   */
  public static final List<String> TERRITORI =
      List.of("Zona Pistoiese", "Pistoia", "Agliana", "Quarrata", "Montagna Pistoiese");

  /** The draft's initial content: PROTOCOL.md create ops, committed as op_log seq 1. */
  public static final String OPS_RESOURCE = "demo/sds-pistoiese-ops.json";

  public record Organisation(UUID id, String name, String side, String etsKind) {}

  public record Account(UUID id, String email, String displayName, Organisation organisation, String role) {
    public String organisationName() {
      return organisation.name();
    }
  }

  public static final Organisation SDS = new Organisation(uuid(0x1001), "Società della Salute Pistoiese", "PA", null);
  public static final Organisation CENTRO_IMPIEGO = new Organisation(uuid(0x1002), "Centro per l'Impiego di Pistoia", "PA", null);
  public static final Organisation COOPERATIVA = new Organisation(uuid(0x1003), "Cooperativa sociale Il Ponte", "ETS", "cooperativa_sociale");
  public static final Organisation CONSORZIO = new Organisation(uuid(0x1004), "Consorzio di cooperative sociali Colline Pistoiesi", "ETS", "consorzio");
  public static final Organisation ODV = new Organisation(uuid(0x1005), "Associazione Mani Aperte ODV", "ETS", "odv");
  public static final Organisation CURIA = new Organisation(uuid(0x1006), "Curia Vescovile di Pistoia", "ETS", "ente_religioso");
  public static final List<Organisation> ORGANISATIONS = List.of(SDS, CENTRO_IMPIEGO, COOPERATIVA, CONSORZIO, ODV, CURIA);

  public static final Account COORDINATOR = new Account(uuid(0x2001), "coordinatore@demo.tavolo", "Giulia Bianchi", SDS, "coordinator");
  public static final Account PA_MEMBER = new Account(uuid(0x2002), "pa@demo.tavolo", "Marco Rossi", SDS, "member");
  public static final Account ETS1 = new Account(uuid(0x2003), "ets1@demo.tavolo", "Sara Innocenti", COOPERATIVA, "member");
  public static final Account ETS2 = new Account(uuid(0x2004), "ets2@demo.tavolo", "Luca Bartolini", CONSORZIO, "member");
  public static final Account OBSERVER = new Account(uuid(0x2005), "osservatore@demo.tavolo", "Paola Gori", CENTRO_IMPIEGO, "observer");
  public static final List<Account> ACCOUNTS = List.of(COORDINATOR, PA_MEMBER, ETS1, ETS2, OBSERVER);

  public static final UUID TAVOLO_ID = uuid(0x3001);
  public static final String TAVOLO_TITLE = "Co-progettazione SIA – Sostegno all'Inclusione Attiva";
  public static final UUID DOCUMENT_ID = uuid(0x4001);
  public static final String DOCUMENT_TITLE = "Progetto SIA — bozza";
  static final String AVVISO = "Istruttoria pubblica finalizzata all'individuazione di un soggetto del Terzo Settore "
      + "disponibile alla co-progettazione e alla gestione in partenariato di interventi innovativi e sperimentali "
      + "nell'ambito della misura nazionale di contrasto alla povertà denominata SIA (Sostegno all'Inclusione Attiva) "
      + "– Det. n. 60 del 13/03/2017";

  private DemoSeed() {}

  /** Seeds the demo data unless already there. */
  public static Future<Void> run(AppContext ctx) {
    String password = ctx.config().demoPassword();
    return ctx.pool().preparedQuery("select 1 from tavoli where id = $1").execute(Tuple.of(TAVOLO_ID))
        .compose(rows -> rows.size() > 0 ? alignPasswords(ctx, password) : seed(ctx, password))
        .compose(v -> ensurePartners(ctx.pool()))
        .compose(v -> ensureGrouping(ctx.pool()))
        .compose(v -> it.tavolo.db.TerritorioStore.ensure(ctx.pool(), TAVOLO_ID, TERRITORI))
        .compose(x -> SeduteDemo.seed(ctx)); // its planned seduta, to run from agenda to verbale
  }

  /**
   * Every demo organisation is a partner of the demo tavolo, members or not: the budget
   * names the ODV and the Curia as co-financiers though neither has an account. Run on
   * every start, so data seeded before partners existed gets them too.
   */
  private static Future<Void> ensurePartners(SqlClient client) {
    List<Tuple> partners = new ArrayList<>();
    for (Organisation o : ORGANISATIONS) {
      partners.add(Tuple.of(TAVOLO_ID, o.id()));
    }
    return client.preparedQuery("insert into tavolo_partners (tavolo_id, organisation_id) values ($1, $2) "
        + "on conflict do nothing").executeBatch(partners).mapEmpty();
  }

  /** The demo's grouping (issue 15): the Third-Sector partners' ATI, the Consorzio its capofila (seed 002). */
  public static final UUID GROUPING_ID = uuid(0x9001);
  public static final String GROUPING_NAME = "ATI Colline Pistoiesi";
  public static final List<Organisation> GROUPING_MEMBERS = List.of(CONSORZIO, COOPERATIVA, ODV, CURIA);

  /**
   * The ATI of the ETS partners of the demo tavolo, the Consorzio its capofila; no member has
   * delegated it yet (that is for the demo's users to do). Run on every start, so data seeded
   * before groupings existed gets it too.
   */
  private static Future<Void> ensureGrouping(SqlClient client) {
    List<Tuple> members = new ArrayList<>();
    for (Organisation o : GROUPING_MEMBERS) {
      members.add(Tuple.of(GROUPING_ID, TAVOLO_ID, o.id()));
    }
    return client.preparedQuery("insert into groupings (id, tavolo_id, kind, name, capofila, created_by) "
            + "values ($1, $2, 'ATI', $3, $4, $5) on conflict do nothing")
        .execute(Tuple.of(GROUPING_ID, TAVOLO_ID, GROUPING_NAME, CONSORZIO.id(), COORDINATOR.id()))
        .compose(r -> client.preparedQuery("insert into grouping_members (grouping_id, tavolo_id, organisation_id) "
            + "values ($1, $2, $3) on conflict do nothing").executeBatch(members))
        .mapEmpty();
  }

  /** The ops of the draft's first commit, as stored in op_log seq 1. */
  public static JsonArray initialOps() {
    try (InputStream in = DemoSeed.class.getClassLoader().getResourceAsStream(OPS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPS_RESOURCE + " is missing from the classpath");
      }
      return new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Future<Void> seed(AppContext ctx, String password) {
    JsonArray ops = initialOps();
    return ctx.vertx().executeBlocking(() -> {
      List<String> hashes = new ArrayList<>();
      for (Account ignored : ACCOUNTS) {
        hashes.add(Passwords.hash(password));
      }
      return hashes;
    }).compose(hashes -> ctx.pool().withTransaction(conn -> insertAll(conn, hashes, ops)))
        .onSuccess(v -> log.atInfo().addKeyValue("tavolo", TAVOLO_ID).addKeyValue("document", DOCUMENT_ID)
            .addKeyValue("ops", ops.size()).log("demo tavolo seeded"));
  }

  private static Future<Void> insertAll(SqlConnection conn, List<String> hashes, JsonArray ops) {
    List<Tuple> orgs = new ArrayList<>();
    for (Organisation o : ORGANISATIONS) {
      orgs.add(Tuple.of(o.id(), o.name(), o.side(), o.etsKind()));
    }
    List<Tuple> users = new ArrayList<>();
    List<Tuple> members = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS.size(); i++) {
      Account a = ACCOUNTS.get(i);
      users.add(Tuple.of(a.id(), a.email(), a.displayName(), a.organisation().id(), hashes.get(i)));
      members.add(Tuple.of(TAVOLO_ID, a.id(), a.role()));
    }
    return conn.preparedQuery("insert into organisations (id, name, side, ets_kind) values ($1, $2, $3, $4) "
            + "on conflict do nothing").executeBatch(orgs)
        .compose(r -> conn.preparedQuery("insert into users (id, email, display_name, organisation_id, password_hash) "
            + "values ($1, $2, $3, $4, $5) on conflict do nothing").executeBatch(users))
        .compose(r -> conn.preparedQuery("insert into tavoli (id, title, avviso, ente_proponente, ambito, phase, created_by) "
            + "values ($1, $2, $3, $4, $5, 'co-progettazione', $6) on conflict do nothing")
            .execute(Tuple.of(TAVOLO_ID, TAVOLO_TITLE, AVVISO, SDS.name(), "Zona Pistoiese", COORDINATOR.id())))
        .compose(r -> conn.preparedQuery("insert into tavolo_members (tavolo_id, user_id, role) values ($1, $2, $3) "
            + "on conflict do nothing").executeBatch(members))
        .compose(r -> conn.preparedQuery("insert into documents (id, tavolo_id, title, mode) values ($1, $2, $3, 'live') "
            + "on conflict do nothing").execute(Tuple.of(DOCUMENT_ID, TAVOLO_ID, DOCUMENT_TITLE)))
        .compose(r -> conn.preparedQuery("insert into op_log (doc_id, seq, author, client_id, client_seq, ops) "
            + "values ($1, 1, $2, 'seed', 1, $3::jsonb) on conflict do nothing")
            .execute(Tuple.of(DOCUMENT_ID, COORDINATOR.id(), ops)))
        .mapEmpty();
  }

  /** Restarted with another TAVOLO_DEMO_PASSWORD: the README's promise must stay true. */
  private static Future<Void> alignPasswords(AppContext ctx, String password) {
    return ctx.pool().preparedQuery("select password_hash from users where id = $1")
        .execute(Tuple.of(COORDINATOR.id()))
        .compose(rows -> {
          String hash = rows.size() == 0 ? null : rows.iterator().next().getString("password_hash");
          return ctx.vertx().executeBlocking(() -> hash != null && Passwords.verify(password, hash));
        })
        .compose(same -> {
          if (same) {
            log.atInfo().addKeyValue("tavolo", TAVOLO_ID).log("demo tavolo already seeded");
            return Future.succeededFuture();
          }
          return ctx.vertx().executeBlocking(() -> {
                List<Tuple> updates = new ArrayList<>();
                for (Account a : ACCOUNTS) {
                  updates.add(Tuple.of(Passwords.hash(password), a.id()));
                }
                return updates;
              })
              .compose(updates -> ctx.pool().preparedQuery("update users set password_hash = $1 where id = $2")
                  .executeBatch(updates))
              .onSuccess(r -> log.atInfo().log("demo accounts' password reset to TAVOLO_DEMO_PASSWORD"))
              .mapEmpty();
        });
  }

  /** Fixed, recognisable ids: 7a70xxxx-0000-4000-8000-00000000000n. */
  private static UUID uuid(int tag) {
    int kind = tag >> 12;
    int n = tag & 0xfff;
    return UUID.fromString(String.format("7a70%d000-0000-4000-8000-%012d", kind, n));
  }
}
