package it.tavolo.core.model;

import it.tavolo.core.text.AuthorRuns;
import it.tavolo.core.text.TextBuffer;

/** A collaborative text field: its text and who wrote each unit. */
final class TextField {
  final TextBuffer text;
  AuthorRuns runs;

  TextField(String initial, AuthorRuns runs) {
    this.text = new TextBuffer(initial);
    this.runs = runs;
  }

  TextField copy() {
    return new TextField(text.toString(), runs);
  }
}
