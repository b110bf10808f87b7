package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.core.Refusal;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The signed verbale (docs/api.md, "The signed verbale"): a coordinator uploads the approved
 * verbale as the PA's signing tool returned it (PAdES PDF or CAdES .p7m); {@link SignedVerbale}
 * checks it on a worker thread; an accepted copy is stored with the result. Stateless apart
 * from its collaborators: called from event loops.
 */
final class VerbaleSignatures {
  private final Vertx vertx;
  private final SeduteService sedute;
  private final Verbali verbali;
  private final SignatureStore store;

  VerbaleSignatures(Vertx vertx, SeduteService sedute, Verbali verbali, SignatureStore store) {
    this.vertx = vertx;
    this.sedute = sedute;
    this.verbali = verbali;
    this.store = store;
  }

  Future<JsonObject> upload(UUID userId, UUID sedutaId, Supplier<byte[]> body) {
    VerbaleFormat pdf = verbali.format("pdf").orElseThrow();
    return sedute.asCoordinator(userId, sedutaId)
        .compose(s -> verbali.approvedFile(sedutaId, pdf))
        .compose(approved -> {
          if (approved.isEmpty()) {
            throw Refusal.conflict("verbale_not_approved", "Only the approved verbale is signed: approve it first.");
          }
          byte[] file = body.get();
          if (file == null || file.length == 0) {
            throw Refusal.invalid("invalid_input", "The body is the signed file (application/pdf or application/pkcs7-mime).");
          }
          Verbali.File a = approved.get();
          return vertx.executeBlocking(() -> SignedVerbale.check(file, a.bytes()), false).compose(r -> {
            JsonArray signers = new JsonArray();
            r.signers().forEach(x -> signers.add(new JsonObject().put("subject", x.subject()).put("issuer", x.issuer())
                .put("serial", x.serial()).put("notBefore", x.notBefore().toString()).put("notAfter", x.notAfter().toString())
                .put("signingTime", x.signingTime() == null ? null : x.signingTime().toString()).put("digestAlgorithm", x.digestAlgorithm())));
            JsonObject result = new JsonObject().put("signedContent", "the approved verbale (PDF SHA-256 " + a.sha256() + ")")
                .put("integrity", "verified").put("trust", r.trust()).put("signers", signers);
            return store.add(sedutaId, r.kind(), file, Verbali.sha256(file), a.sha256(), result, userId);
          });
        });
  }

  Future<JsonArray> list(UUID userId, UUID sedutaId) {
    return sedute.asMember(userId, sedutaId).compose(s -> store.list(sedutaId)).map(JsonArray::new);
  }
}
