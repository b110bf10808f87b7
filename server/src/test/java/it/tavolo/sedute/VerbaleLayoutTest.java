package it.tavolo.sedute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.core.sedute.Block;
import it.tavolo.core.sedute.ItalianTime;
import it.tavolo.core.sedute.Presence;
import it.tavolo.core.sedute.RegisterEntry;
import it.tavolo.core.sedute.SedutaMode;
import it.tavolo.core.sedute.VerbaleContent;
import it.tavolo.core.sedute.VerbaleLayout;
import it.tavolo.core.sedute.VerbaleText;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The verbale's text: what it says and in which order, independent of the file format. */
class VerbaleLayoutTest {
  private static final Instant STARTS = Instant.parse("2020-11-26T14:00:00Z"); // 15:00 in Rome
  private static final Instant OPENED = Instant.parse("2020-11-26T14:04:00Z");
  private static final Instant CLOSED = Instant.parse("2020-11-26T15:40:00Z");

  private static RegisterEntry person(String name, String org, String side, String role, Presence p, boolean manual) {
    return new RegisterEntry(UUID.randomUUID(), manual ? null : UUID.randomUUID(), name, org, side, role, p, manual,
        OPENED, CLOSED, false);
  }

  private static VerbaleContent content(List<RegisterEntry> register, List<VerbaleContent.Item> agenda) {
    return new VerbaleContent("Co-Mix", "Comune di Lucca", "Primo incontro: scenari e percorsi rigenerativi", STARTS,
        OPENED, CLOSED, SedutaMode.ONLINE, null, "https://us02web.zoom.us/j/4511880578", "Valeria Giglioli (Comune di Lucca)",
        List.of("Relazione programmatica"), register, agenda, List.of(), List.of());
  }

  @Test
  void attendeesAreGroupedByOrganisationPaFirstThenEtsThenTheUnknownAndByNameWithin() {
    String text = VerbaleText.of(VerbaleLayout.blocks(content(List.of(
        person("Marta Bonetti", null, null, "Ricercatrice", Presence.ON_CALL, true),
        person("Nicola Cabria", "Human Foundation", "ETS", "member", Presence.CONNECTED, false),
        person("Lorenzo Maraviglia", "Provincia di Lucca", "PA", "member", Presence.CONNECTED, false),
        person("Aldo Intaschi", "Comune di Lucca", "PA", "coordinator", Presence.CONNECTED, false),
        person("Graziano Angeli", "Comune di Lucca", "PA", "observer", Presence.CONNECTED, false)), List.of())));
    assertTrue(text.contains("Presenti 5 persone di 4 organizzazioni."), text);
    int comune = text.indexOf("Comune di Lucca (PA)");
    int provincia = text.indexOf("Provincia di Lucca (PA)");
    int human = text.indexOf("Human Foundation (ETS)");
    int unknown = text.indexOf("Organizzazione non indicata");
    assertTrue(comune > 0 && comune < provincia && provincia < human && human < unknown, text);
    assertTrue(text.indexOf("Aldo Intaschi") < text.indexOf("Graziano Angeli"), "by name within an organisation");
    assertTrue(text.contains("Aldo Intaschi | coordinamento | collegato/a a Tavolo | 15:04 | 16:40"), text);
    assertTrue(text.contains("Graziano Angeli | osservatore |"), text);
    assertTrue(text.contains("Marta Bonetti | Ricercatrice | in videochiamata"), "roles written by hand stay as written");
  }

  @Test
  void itSaysWhenWhereAndHowInItalian() {
    String text = VerbaleText.of(VerbaleLayout.blocks(content(List.of(), List.of())));
    assertTrue(text.contains("Data: giovedì 26 novembre 2020, convocata per le ore 15:00"), text);
    assertTrue(text.contains("Apertura e chiusura: aperta alle ore 15:04, chiusa alle ore 16:40"), text);
    assertTrue(text.contains("Modalità: online"), text);
    assertTrue(text.contains("Collegamento: https://us02web.zoom.us/j/4511880578"), text);
    assertTrue(!text.contains("Luogo:"), "no place for an online seduta");
    assertTrue(text.contains("Nessun presente registrato."), text);
    assertTrue(text.contains("Nessun punto all'ordine del giorno."), text);
    assertTrue(text.contains("Nessuna integrazione accolta durante la seduta."), text);
    assertTrue(text.contains("Nessuna versione consolidata durante la seduta."), text);
    assertEquals("09:10 del 27/11/2020", ItalianTime.timeOn(Instant.parse("2020-11-27T08:10:00Z"), OPENED));
  }

  @Test
  void decisionsFollowTheirAgendaItemInOrder() {
    List<VerbaleContent.Item> agenda = List.of(
        new VerbaleContent.Item(1, "Elementi di lettura del contesto", null, List.of()),
        new VerbaleContent.Item(2, "Confronto sui percorsi rigenerativi", "Coordina l'assessora",
            List.of(new VerbaleContent.Decision("Si avvia il tavolo sui NEET.", "Valeria Giglioli", Instant.parse("2020-11-26T15:30:00Z")))));
    List<Block> blocks = VerbaleLayout.blocks(content(List.of(), agenda));
    String text = VerbaleText.of(blocks);
    int item2 = text.indexOf("2. Confronto sui percorsi rigenerativi\n\nCoordina");
    int decision = text.indexOf("Decisione: Si avvia il tavolo sui NEET. (registrata alle ore 16:30 da Valeria Giglioli)");
    assertTrue(item2 > 0 && decision > item2, text);
    assertTrue(text.indexOf("Nessuna decisione registrata su questo punto.") < item2, "item 1 had none");
    assertEquals(new Block.Heading(1, "Verbale della seduta"), blocks.get(0));
  }
}
