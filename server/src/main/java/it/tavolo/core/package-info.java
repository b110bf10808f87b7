/**
 * The document engine, plain Java (no Vert.x, no SQL; Jackson only in the {@code *Codec}
 * classes; {@code CoreIsPlainJavaTest} enforces it).
 *
 * <h2>For the live layer</h2>
 *
 * <ul>
 *   <li>Load: {@code Sequencer.restore(snapshotState | null, batchesAfterIt, Limits.DEFAULT)},
 *       then {@code setMode}, {@code setLocked}, {@code setKnownOrganisation} from the
 *       database. {@code snapshotState} is what {@code Sequencer.serialise()} wrote (store it
 *       in {@code snapshots.state}); batches come from {@code op_log} as {@code new
 *       CommittedBatch(seq, author, clientId, clientSeq, time, OpCodec.decodeBatch(opsJson))}.
 *   <li>Submit: {@code OpCodec.decodeBatch(msg.ops)} (throws {@code Refusal}, code {@code
 *       invalid_op}) → {@code sequencer.submit(new Submission(user, role, client, clientSeq,
 *       baseSeq, ops), now)} → {@code Accepted} (persist {@code batch}: {@code
 *       OpCodec.toJson(batch.ops())}, then ack and broadcast; {@code batch.notes()} /
 *       {@code OpCodec.encodeNotes} tell the sender what was dropped), {@code Duplicate}
 *       (ack again; look the seq up in the op log when {@code !seqKnown()}), {@code
 *       Rejected(code, message)} (send the error), {@code NeedsHistory(after, upTo)} (load
 *       those batches from the op log and call {@code submit(s, now, older)}).
 *   <li>Catch-up: {@code sequencer.batchesAfter(since)}, else the op log, else a snapshot:
 *       {@code StateCodec.snapshot(sequencer.state())} (the wire snapshot) and {@code
 *       StateCodec.authorship(...)} (who wrote what).
 *   <li>If a commit fails, drop the Sequencer and restore it: its memory ran ahead.
 * </ul>
 */
package it.tavolo.core;
