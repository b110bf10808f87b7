package it.tavolo.core.model;

import it.tavolo.core.text.AuthorRunBuffer;
import it.tavolo.core.text.AuthorRuns;
import it.tavolo.core.text.TextBuffer;

/** A collaborative text field: its text and who wrote each unit, both edited in place. */
final class TextField {
  final TextBuffer text;
  final AuthorRunBuffer runs;

  TextField(String initial, AuthorRuns runs) {
    this.text = new TextBuffer(initial);
    this.runs = new AuthorRunBuffer(runs);
  }

  TextField copy() {
    return new TextField(text.toString(), runs.snapshot());
  }
}
