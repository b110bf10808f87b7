package it.tavolo.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * The content type of an upload from its first bytes (Apache Tika's magic numbers; tika-core, no
 * parsers), checked against what its name and the client's Content-Type say. Stateless after
 * construction (Tika's MimeTypes is immutable and thread-safe); built once, on a worker thread
 * (it reads Tika's type database).
 */
final class Sniffer {
  private final MimeTypes types = MimeTypes.getDefaultMimeTypes();
  private final MediaTypeRegistry registry = types.getMediaTypeRegistry();

  /** What the bytes are ({@code type}, the name used only to refine a compatible guess), or why they are refused. */
  record Result(String type, String refusal) {}

  /**
   * @param head     the first bytes (up to a chunk: more than Tika's magic reads)
   * @param name     the file's name
   * @param declared the request's Content-Type, or null
   */
  Result sniff(byte[] head, String name, String declared) {
    MediaType bytes = detect(head, null);
    MediaType byName = detect(null, name);
    if (!compatible(byName, bytes)) {
      return new Result(null, "The file's content (" + bytes + ") is not what its name says (" + byName + ").");
    }
    MediaType said = declared == null ? null : MediaType.parse(declared);
    if (said != null && !compatible(said.getBaseType(), bytes)) {
      return new Result(null, "The file's content (" + bytes + ") is not the declared " + said.getBaseType() + ".");
    }
    return new Result(detect(head, name).toString(), null);
  }

  private MediaType detect(byte[] head, String name) {
    Metadata m = new Metadata();
    if (name != null) m.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
    try {
      return types.detect(head == null ? null : new ByteArrayInputStream(head), m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Either says nothing specific, or one is the other or a kind of it (text/csv is text/plain). */
  private boolean compatible(MediaType a, MediaType b) {
    if (a == null || b == null || MediaType.OCTET_STREAM.equals(a) || MediaType.OCTET_STREAM.equals(b)) return true;
    a = registry.normalize(a.getBaseType());
    b = registry.normalize(b.getBaseType());
    return a.equals(b) || registry.isSpecializationOf(a, b) || registry.isSpecializationOf(b, a);
  }
}
