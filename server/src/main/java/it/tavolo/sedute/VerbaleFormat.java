package it.tavolo.sedute;

import it.tavolo.core.sedute.Block;
import it.tavolo.core.sedute.VerbaleContent;
import java.util.List;

/** One file format of the verbale. Rendering is blocking work: callers run it on a worker thread. */
interface VerbaleFormat {
  /** "pdf", "odt": the API's name, the file extension and the database column. */
  String name();

  String contentType();

  byte[] render(VerbaleContent content, List<Block> blocks);
}
