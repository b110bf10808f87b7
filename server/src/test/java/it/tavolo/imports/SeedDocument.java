package it.tavolo.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The partners' proposal of seed 002 (Zona Pistoiese, SIA) as the Word file a cooperative would
 * send, kept in the test resources (imports/proposta-sia-pistoiese.docx). Made with POI from the
 * seed's text, as written here; run {@code main} to make it again. The text is the seed's, in
 * its own words; the headings follow the avviso's schema di progetto.
 */
final class SeedDocument {
  static final String RESOURCE = "/imports/proposta-sia-pistoiese.docx";

  static final List<String> LINES = List.of(
      "Proposta progettuale del RTI del Terzo Settore per la co-progettazione SIA nella Zona Pistoiese",
      "#1 Dati identificativi",
      "| Nome dell'Avviso | Istruttoria pubblica per la co-progettazione di interventi innovativi e sperimentali (SIA) – Det.n.60 del 13/03/2017",
      "| Ente proponente | Società della Salute Pistoiese",
      "| Ambito territoriale | Zona Pistoiese",
      "#1 Assetto organizzativo",
      "Una proposta di assetto organizzativo con la Società della Salute pistoiese nella gestione dei servizi e degli interventi, che sia in grado di garantire un impianto unitario.",
      "#1 Modalità operative e gestionali",
      "Una proposta organizzativa indicante le modalità operative e gestionali degli interventi e dei servizi oggetto di coprogettazione.",
      "#2 Collaborazione con i soggetti coinvolti",
      "Modalità di collaborazione e di collegamento con i soggetti coinvolti nella realizzazione di un modello di welfare innovativo.",
      "#1 Obiettivi",
      "#2 Obiettivo generale: creazione di una progettualità innovativa inerente azioni e interventi socio-educativi e di attivazione lavorativa",
      "Superare la frammentazione degli interventi attraverso un impianto unitario.",
      "#2 Obiettivo specifico 1 – Servizi e interventi socio-educativi e di supporto alle famiglie",
      "Contenuto operativo: équipe multidisciplinari territoriali.",
      "#2 Obiettivo specifico 2 – Servizi e interventi finalizzati all'attivazione lavorativa",
      "Contenuto operativo: percorsi di inserimento con il Centro per l'Impiego.",
      "#1 Attività",
      "#2 Coaching di riattivazione",
      "Supporto al beneficiario nel suo percorso di attivazione e all'equipe per il monitoraggio dei progetti individuali.",
      "#2 Formazione congiunta",
      "Accompagnamento e cura della fase di cogestione attraverso monitoraggio e valutazione partecipati.",
      "#1 Risorse e cofinanziamento",
      "| Soggetto | Risorse monetarie | Risorse non monetarie",
      "| Società della Salute | € 308.716,54 | € 51.726,00",
      "| Terzo Settore (cofinanziamento) | € 78.496,63 | —",
      "#1 Elementi che contraddistinguono l'esperienza",
      "- Formazione congiunta",
      "- Costruzione di un modello organizzativo e di governance condiviso",
      "- Approccio orientato sul bisogno delle persone piuttosto che ad una rigida ripartizione di compiti");

  private SeedDocument() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "server/src/test/resources" + RESOURCE);
    Files.createDirectories(out.getParent());
    Files.write(out, TestFiles.docx(LINES));
  }
}
