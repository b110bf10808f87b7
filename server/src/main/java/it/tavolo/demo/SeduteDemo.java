package it.tavolo.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import it.tavolo.AppContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The demo tavolo's planned seduta (demo mode only): an "incontro per la definizione del
 * progetto", hybrid, with the agenda of the SdS Pistoiese case, ready for the coordinator to
 * open, run and close, with its segretario verbalizzante and a second notes writer named.
 * Seeded once; a seduta already there (even run and closed) is left as is.
 */
public final class SeduteDemo {
  public static final UUID SEDUTA_ID = UUID.fromString("7a705000-0000-4000-8000-000000000001");
  /** The verbale's notes document (purpose {@code verbale_notes}). */
  public static final UUID NOTES_DOCUMENT_ID = UUID.fromString("7a707000-0000-4000-8000-000000000001");
  /** The segretario verbalizzante; {@link DemoSeed#ETS1} writes notes too. */
  public static final DemoSeed.Account SECRETARY = DemoSeed.PA_MEMBER;
  static final List<String> AGENDA = List.of(
      "Restituzione dell'analisi del bisogno della Zona Pistoiese",
      "Assetto organizzativo con la Società della Salute",
      "Modalità operative e gestionali degli interventi",
      "Piano economico e cofinanziamento del Terzo Settore",
      "Monitoraggio e valutazione partecipati");

  private SeduteDemo() {
  }

  public static Future<Void> seed(AppContext ctx) {
    List<Tuple> items = new ArrayList<>();
    for (int i = 0; i < AGENDA.size(); i++) {
      items.add(Tuple.of(UUID.fromString(String.format("7a706000-0000-4000-8000-%012x", i + 1)), SEDUTA_ID, i, AGENDA.get(i)));
    }
    return ctx.pool().withTransaction(tx -> tx.preparedQuery("""
                insert into sedute (id, tavolo_id, title, starts_at, mode, place, call_url, created_by)
                values ($1, $2, $3, $4, 'ibrida', $5, $6, $7) on conflict do nothing""")
            .execute(Tuple.from(new Object[] {SEDUTA_ID, DemoSeed.TAVOLO_ID, "Incontro per la definizione del progetto",
                OffsetDateTime.parse("2026-11-26T15:00:00+01:00"), "Sede della Società della Salute Pistoiese, Pistoia",
                "https://meet.jit.si/tavolo-sds-pistoiese-sia", DemoSeed.COORDINATOR.id()}))
            .compose(r -> r.rowCount() == 0 ? Future.succeededFuture()
                : tx.preparedQuery("insert into seduta_documents (seduta_id, doc_id, position) values ($1, $2, 0)")
                    .execute(Tuple.of(SEDUTA_ID, DemoSeed.DOCUMENT_ID))
                    .compose(x -> tx.preparedQuery("insert into seduta_agenda_items (id, seduta_id, position, title) values ($1, $2, $3, $4)")
                        .executeBatch(items))
                    .compose(x -> notes(tx)))
            .mapEmpty());
  }

  /**
   * The verbale's notes, named ahead as a coordinator would (docs/api.md, "The verbale's
   * notes"): Marco Rossi (PA) is the segretario verbalizzante and Sara Innocenti (ETS) may
   * write too, so two people can write at once. The document starts empty; opening the seduta
   * gives it one section per agenda item.
   */
  private static Future<Void> notes(io.vertx.sqlclient.SqlConnection tx) {
    return tx.preparedQuery("insert into documents (id, tavolo_id, title, purpose) values ($1, $2, $3, 'verbale_notes')")
        .execute(Tuple.of(NOTES_DOCUMENT_ID, DemoSeed.TAVOLO_ID, "Note del verbale: Incontro per la definizione del progetto"))
        .compose(x -> tx.preparedQuery("insert into seduta_notes (seduta_id, doc_id, secretary, created_by) values ($1, $2, $3, $4)")
            .execute(Tuple.of(SEDUTA_ID, NOTES_DOCUMENT_ID, SECRETARY.id(), DemoSeed.COORDINATOR.id())))
        .compose(x -> tx.preparedQuery("insert into seduta_note_writers (seduta_id, user_id, granted_by) values ($1, $2, $3)")
            .execute(Tuple.of(SEDUTA_ID, DemoSeed.ETS1.id(), DemoSeed.COORDINATOR.id())))
        .mapEmpty();
  }
}
