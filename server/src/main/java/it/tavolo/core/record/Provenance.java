package it.tavolo.core.record;

import it.tavolo.core.model.CollectionDef;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.FieldDef;
import it.tavolo.core.model.FieldType;
import it.tavolo.core.model.Limits;
import it.tavolo.core.model.Schema;
import it.tavolo.core.model.SetBy;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.sequencer.CommittedBatch;
import it.tavolo.core.text.AuthorRuns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which batch wrote every character and field value of a document. Author runs in the live
 * state know only the author; this replays the op log from the start with each batch's
 * author tagged with its seq, so every run also knows the seq that inserted it (and the seq
 * names the integration it came through, when it did).
 */
public final class Provenance {
  /** A run of characters written by {@code author} in batch {@code seq}. */
  public record Run(String author, long seq, int length) {}

  /** A scalar field's value and the batch that set it. */
  public record Value(Object value, String author, long seq) {}

  private Provenance() {}

  /** Replays every committed batch from seq 1 (no snapshot: snapshots keep authors only). */
  public static DocumentState replay(List<CommittedBatch> all, Limits limits) {
    DocumentState s = new DocumentState(limits);
    for (CommittedBatch b : all) {
      OpApplier.applyAll(s, b.ops(), b.author() + "@" + b.seq(), b.seq());
      s.setSeq(b.seq());
    }
    return s;
  }

  /** collection → id → field → list of {@link Run} (text) or {@link Value} (scalar). */
  public static Map<String, Object> of(DocumentState replayed) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (CollectionDef c : Schema.collections()) {
      if (c.omittedWhenEmpty() && replayed.ids(c.name()).isEmpty()) continue; // as in the snapshot
      Map<String, Object> entities = new LinkedHashMap<>();
      for (String id : replayed.ids(c.name())) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (FieldDef f : c.fields()) {
          if (f.type() == FieldType.TEXT) {
            List<Run> runs = new ArrayList<>();
            for (AuthorRuns.Run r : replayed.authorRuns(c.name(), id, f.name()).runs()) {
              String[] tag = split(r.author());
              runs.add(new Run(tag[0], Long.parseLong(tag[1]), r.length()));
            }
            fields.put(f.name(), runs);
          } else {
            SetBy by = replayed.setBy(c.name(), id, f.name());
            String[] tag = by.author() == null ? new String[] {null, "0"} : split(by.author());
            fields.put(f.name(), new Value(replayed.value(c.name(), id, f.name()), tag[0], by.seq()));
          }
        }
        entities.put(id, fields);
      }
      out.put(c.name(), entities);
    }
    return out;
  }

  private static String[] split(String tagged) {
    int at = tagged.lastIndexOf('@');
    if (at < 0) return new String[] {tagged, "0"};
    return new String[] {tagged.substring(0, at), tagged.substring(at + 1)};
  }
}
